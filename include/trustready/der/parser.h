// Strict, zero-copy DER (ITU-T X.690 section 10) reading.
//
// der::Input is a non-owning view of bytes; der::Parser walks a sequence of
// TLVs inside one Input and hands out sub-views. Nothing is copied: every
// Input returned aliases the bytes the parser was constructed over and is
// valid exactly as long as those bytes are.
//
// What "strict" means here:
//   - definite lengths only, in the minimal number of octets;
//   - single-byte tags only (tag number < 31): X.509 uses no high tags;
//   - lengths above kMaxLength are refused;
//   - INTEGERs minimally encoded; BOOLEAN only 0x00/0xFF;
//   - a Parser that is asked to finish with bytes left reports kTrailingData.
// Not checked here: set-of ordering (DER requires sorted SET OF; real roots
// violate it and no verifier enforces it), string contents (see x509/).
#ifndef TRUSTREADY_DER_H_
#define TRUSTREADY_DER_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "trustready/base/result.h"

namespace trustready::der {

// Refuse single values larger than 16 MiB: no certificate, CRL or store
// entry we read comes near it, and it bounds what hostile input can claim.
inline constexpr size_t kMaxLength = 16u << 20;
// Maximum nesting of constructed values the recursive helpers will follow.
// Certificates nest about 8 deep; 64 leaves room for odd extensions.
inline constexpr int kMaxDepth = 64;

class Input {
 public:
  constexpr Input() = default;
  constexpr Input(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  explicit Input(std::span<const uint8_t> s) : data_(s.data()), size_(s.size()) {}
  explicit Input(std::string_view s)
      : data_(reinterpret_cast<const uint8_t*>(s.data())), size_(s.size()) {}
  template <size_t N>
  constexpr explicit Input(const uint8_t (&a)[N]) : data_(a), size_(N) {}

  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const uint8_t* begin() const { return data_; }
  const uint8_t* end() const { return data_ + size_; }
  uint8_t operator[](size_t i) const { return data_[i]; }

  std::span<const uint8_t> span() const { return {data_, size_}; }
  std::string_view AsStringView() const {
    return {reinterpret_cast<const char*>(data_), size_};
  }
  std::string AsString() const { return std::string(AsStringView()); }
  std::vector<uint8_t> ToVector() const { return {data_, data_ + size_}; }

  // Sub-view [pos, pos+len); caller guarantees bounds.
  Input Sub(size_t pos, size_t len) const { return Input(data_ + pos, len); }

  friend bool operator==(const Input& a, const Input& b);
  friend bool operator<(const Input& a, const Input& b);

 private:
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

// Tags as they appear on the wire (class | constructed | number).
using Tag = uint8_t;
inline constexpr Tag kBoolean = 0x01;
inline constexpr Tag kInteger = 0x02;
inline constexpr Tag kBitString = 0x03;
inline constexpr Tag kOctetString = 0x04;
inline constexpr Tag kNull = 0x05;
inline constexpr Tag kOid = 0x06;
inline constexpr Tag kEnumerated = 0x0a;
inline constexpr Tag kUtf8String = 0x0c;
inline constexpr Tag kPrintableString = 0x13;
inline constexpr Tag kTeletexString = 0x14;
inline constexpr Tag kIa5String = 0x16;
inline constexpr Tag kUtcTime = 0x17;
inline constexpr Tag kGeneralizedTime = 0x18;
inline constexpr Tag kVisibleString = 0x1a;
inline constexpr Tag kUniversalString = 0x1c;
inline constexpr Tag kBmpString = 0x1e;
inline constexpr Tag kSequence = 0x30;
inline constexpr Tag kSet = 0x31;
inline constexpr Tag kConstructed = 0x20;
inline constexpr Tag kContextSpecific = 0x80;
constexpr Tag ContextSpecificPrimitive(uint8_t n) { return kContextSpecific | n; }
constexpr Tag ContextSpecificConstructed(uint8_t n) {
  return kContextSpecific | kConstructed | n;
}

// One parsed TLV.
struct Element {
  Tag tag = 0;
  Input value;     // contents octets
  Input encoded;   // the whole TLV, header included
};

class Parser {
 public:
  // `base` is the start of the outermost buffer, used only to turn positions
  // into byte offsets for error messages (Error::offset). When null, offsets
  // are relative to `input`.
  explicit Parser(Input input, const uint8_t* base = nullptr)
      : input_(input), pos_(0), base_(base ? base : input.data()) {}

  bool HasMore() const { return pos_ < input_.size(); }
  size_t Offset() const { return static_cast<size_t>(input_.data() + pos_ - base_); }

  // Peeks the next tag without consuming; false at end of input.
  bool PeekTag(Tag* tag) const;

  // Reads the next TLV, whatever its tag.
  Result<Element> ReadAny();
  // Reads the next TLV and requires `tag`. `what` names the ASN.1 field in
  // error messages ("TBSCertificate.serialNumber").
  Result<Input> Read(Tag tag, std::string_view what);
  Result<Element> ReadElement(Tag tag, std::string_view what);
  // Reads a TLV of `tag` if it is next; returns an empty optional-like
  // Element (tag==0) when the next tag differs or input is exhausted.
  Result<Element> ReadOptional(Tag tag, std::string_view what);

  // Reads a SEQUENCE and returns a parser over its contents.
  Result<Parser> ReadSequence(std::string_view what);

  // Fails with kTrailingData naming `what` when bytes remain.
  Status Finish(std::string_view what) const;

  // Error helper that stamps the current offset.
  Error MakeErrorHere(ErrorKind kind, std::string message) const;
  Error MakeErrorHere(ErrorKind kind, std::string_view detail, std::string message) const;
  const uint8_t* base() const { return base_; }

 private:
  Input input_;
  size_t pos_;
  const uint8_t* base_;
};

// Value decoders: each checks DER rules for its type.
Result<bool> ParseBoolean(Input value);
// Non-negative or negative INTEGER that fits in int64_t.
Result<int64_t> ParseInt64(Input value);
// INTEGER minimal-encoding check only (for serial numbers and big values).
Status CheckInteger(Input value);
// BIT STRING: returns the bits (without the unused-bits octet) and the
// unused-bit count; DER requires unused trailing bits to be zero.
struct BitString {
  Input bytes;
  uint8_t unused_bits = 0;
  bool IsSet(size_t bit) const;  // bit 0 is the MSB of the first byte
};
Result<BitString> ParseBitString(Input value);
// OBJECT IDENTIFIER contents: checks minimal sub-identifiers.
Status CheckOid(Input value);
// Dotted-decimal text of an OID's contents ("1.2.840.113549.1.1.11").
std::string OidToString(Input value);
// The contents octets of a dotted-decimal OID ("2.5.29.32.0"); an error for
// anything else (at least two arcs, first arc 0-2, second < 40 below 2).
Result<std::vector<uint8_t>> OidFromString(std::string_view dotted);

// Walks a whole DER value recursively, checking that every TLV inside
// constructed encodings is well formed, up to kMaxDepth. Used by the
// fuzzer and by strict checks on opaque extension contents.
Status ValidateTree(Input input, int depth = 0);

// Hex helpers (lowercase, no separators / colon separated upper case).
std::string Hex(Input bytes);
std::string HexColon(Input bytes);

}  // namespace trustready::der

#endif  // TRUSTREADY_DER_H_
