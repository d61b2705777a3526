// Error values and Result<T>: how every fallible trustready function reports
// failure. Nothing in the library throws for hostile input; exceptions are
// reserved for programming errors (std::bad_alloc and the like).
#ifndef TRUSTREADY_RESULT_H_
#define TRUSTREADY_RESULT_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace trustready {

// Stable, typed error kinds. The string name (ErrorKindName) is part of the
// JSON contract; never renumber or rename.
enum class ErrorKind {
  kTruncated,         // input ends inside a TLV or a structure
  kBadTag,            // a tag other than the one the grammar requires
  kBadLength,         // indefinite, non-minimal or oversized length
  kTrailingData,      // bytes left after a structure that must end
  kNonMinimal,        // non-minimal INTEGER or other DER re-encoding
  kTooDeep,           // nesting limit reached
  kBadValue,          // a well-formed TLV whose value is not allowed
  kBadTime,           // malformed UTCTime/GeneralizedTime
  kBadString,         // string contents not valid for their type
  kUnsupported,       // well formed but outside what we implement
  kDuplicateExtension,
  kAlgorithmMismatch, // TBSCertificate.signature != Certificate.signatureAlgorithm
  kNotCertificate,    // PEM/DER input that holds no certificate
  kIo,                // file missing, unreadable, empty
  kFormat,            // container format (PEM, JKS, PKCS#12, certdata) broken
  kBadPassword,       // keystore integrity check failed
  kNetwork,           // connect/handshake/read failure or timeout
  kInvalidArgument,   // caller passed something meaningless
};

std::string_view ErrorKindName(ErrorKind kind);

// How much a diagnostic counts. kError: what it is about failed (a Result
// holding it has no value; a verify path with one is invalid). kWarning:
// reported, nothing failed. The names ("error", "warning") are part of the
// JSON contract.
enum class Severity { kError, kWarning };
std::string_view SeverityName(Severity severity);

// Detail ids: one stable name per distinct failure under a coarse kind or
// code, "<module>.<failure>" in lower snake case ("der.length_non_minimal",
// "x509.extension_duplicate", "profile.serial_zero"). Like ErrorKindName they
// are part of the JSON contract: never rename one, add a new one instead.
// An id is a string literal (static storage); an empty id means the kind
// says all there is (errors from outside the parsers: I/O, arguments).

struct Error {
  ErrorKind kind = ErrorKind::kBadValue;
  // Byte offset into the outermost input where the problem was found, or
  // npos when the error is not about a position in a byte string.
  size_t offset = npos;
  std::string message;
  // Stable detail id (see above); empty when not classified.
  std::string_view detail;
  Severity severity = Severity::kError;

  static constexpr size_t npos = static_cast<size_t>(-1);

  // "<message> (at byte N)" or just the message.
  std::string ToString() const;
};

// A minimal expected<T, Error> (std::expected is C++23; we build as C++20).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}      // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Result<void>.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

inline Error MakeError(ErrorKind kind, std::string message,
                       size_t offset = Error::npos) {
  return Error{kind, offset, std::move(message)};
}

// The same with a detail id: `detail` must be a string literal.
inline Error MakeError(ErrorKind kind, std::string_view detail, std::string message,
                       size_t offset = Error::npos) {
  return Error{kind, offset, std::move(message), detail};
}

// `error` with its message prefixed ("TBSCertificate.validity: ..."): kind,
// detail, severity and offset kept.
inline Error WithContext(Error error, std::string_view context) {
  error.message = std::string(context) + ": " + error.message;
  return error;
}

// `error` named by the option or input it came from ("--store: ..."), once:
// a message that starts with that name already stays as it is. The offset
// is folded into the message (as ToString() shows it); kind, detail and
// severity kept.
inline Error NamedBy(Error error, std::string_view name) {
  const std::string msg = error.ToString();
  const std::string prefix = std::string(name) + ":";
  error.offset = Error::npos;
  error.message = msg.rfind(prefix, 0) == 0 ? msg : prefix + " " + msg;
  return error;
}

}  // namespace trustready

#endif  // TRUSTREADY_RESULT_H_
