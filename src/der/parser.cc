// Strict DER reading (X.690 section 10). See der.h for what is and is not
// checked.
#include <algorithm>
#include <cstring>

#include "trustready/der/parser.h"

namespace trustready {

std::string_view ErrorKindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kTruncated: return "TRUNCATED";
    case ErrorKind::kBadTag: return "BAD_TAG";
    case ErrorKind::kBadLength: return "BAD_LENGTH";
    case ErrorKind::kTrailingData: return "TRAILING_DATA";
    case ErrorKind::kNonMinimal: return "NON_MINIMAL";
    case ErrorKind::kTooDeep: return "TOO_DEEP";
    case ErrorKind::kBadValue: return "BAD_VALUE";
    case ErrorKind::kBadTime: return "BAD_TIME";
    case ErrorKind::kBadString: return "BAD_STRING";
    case ErrorKind::kUnsupported: return "UNSUPPORTED";
    case ErrorKind::kDuplicateExtension: return "DUPLICATE_EXTENSION";
    case ErrorKind::kAlgorithmMismatch: return "ALGORITHM_MISMATCH";
    case ErrorKind::kNotCertificate: return "NOT_A_CERTIFICATE";
    case ErrorKind::kIo: return "IO";
    case ErrorKind::kFormat: return "FORMAT";
    case ErrorKind::kBadPassword: return "BAD_PASSWORD";
    case ErrorKind::kNetwork: return "NETWORK";
    case ErrorKind::kInvalidArgument: return "INVALID_ARGUMENT";
  }
  return "UNKNOWN";
}

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
  }
  return "error";
}

std::string Error::ToString() const {
  if (offset == npos) return message;
  return message + " (at byte " + std::to_string(offset) + ")";
}

namespace der {

bool operator==(const Input& a, const Input& b) {
  return a.size_ == b.size_ && (a.size_ == 0 || std::memcmp(a.data_, b.data_, a.size_) == 0);
}
bool operator<(const Input& a, const Input& b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end());
}

Error Parser::MakeErrorHere(ErrorKind kind, std::string message) const {
  return MakeError(kind, std::move(message), Offset());
}

Error Parser::MakeErrorHere(ErrorKind kind, std::string_view detail, std::string message) const {
  return MakeError(kind, detail, std::move(message), Offset());
}

bool Parser::PeekTag(Tag* tag) const {
  if (!HasMore()) return false;
  *tag = input_[pos_];
  return true;
}

Result<Element> Parser::ReadAny() {
  const size_t start = pos_;
  const size_t n = input_.size();
  if (pos_ >= n) return MakeErrorHere(ErrorKind::kTruncated, "der.input_ended", "expected a DER element, input ended");
  const Tag tag = input_[pos_];
  if ((tag & 0x1f) == 0x1f) {
    return MakeErrorHere(ErrorKind::kUnsupported, "der.tag_high_number", "high-tag-number form is not used in X.509");
  }
  size_t p = pos_ + 1;
  if (p >= n) return MakeErrorHere(ErrorKind::kTruncated, "der.length_missing", "DER element ends before its length");
  const uint8_t first = input_[p++];
  size_t length = 0;
  if (first < 0x80) {
    length = first;
  } else if (first == 0x80) {
    return MakeErrorHere(ErrorKind::kBadLength, "der.length_indefinite", "indefinite length is not DER");
  } else {
    const size_t octets = first & 0x7f;
    if (octets > 4) return MakeErrorHere(ErrorKind::kBadLength, "der.length_too_many_octets", "length field too long");
    if (p + octets > n) return MakeErrorHere(ErrorKind::kTruncated, "der.length_truncated", "DER length field truncated");
    if (input_[p] == 0) return MakeErrorHere(ErrorKind::kBadLength, "der.length_non_minimal", "non-minimal length (leading zero)");
    for (size_t i = 0; i < octets; ++i) length = (length << 8) | input_[p + i];
    p += octets;
    if (length < 0x80) return MakeErrorHere(ErrorKind::kBadLength, "der.length_non_minimal", "non-minimal length (long form for < 128)");
  }
  if (length > kMaxLength) return MakeErrorHere(ErrorKind::kBadLength, "der.length_over_limit", "length exceeds 16 MiB limit");
  if (length > n - p) {
    return MakeErrorHere(ErrorKind::kTruncated, "der.value_truncated",
                         "element claims " + std::to_string(length) + " bytes, " +
                             std::to_string(n - p) + " remain");
  }
  Element e;
  e.tag = tag;
  e.value = input_.Sub(p, length);
  e.encoded = input_.Sub(start, p + length - start);
  pos_ = p + length;
  return e;
}

static std::string TagText(Tag t) {
  static const char* kHex = "0123456789abcdef";
  std::string s = "0x";
  s += kHex[t >> 4];
  s += kHex[t & 15];
  return s;
}

Result<Element> Parser::ReadElement(Tag tag, std::string_view what) {
  Tag actual;
  if (!PeekTag(&actual)) {
    return MakeErrorHere(ErrorKind::kTruncated, "der.element_missing", std::string(what) + ": missing (input ended)");
  }
  if (actual != tag) {
    return MakeErrorHere(ErrorKind::kBadTag, "der.tag_unexpected", std::string(what) + ": expected tag " + TagText(tag) +
                                                 ", found " + TagText(actual));
  }
  auto e = ReadAny();
  if (!e.ok()) {
    Error err = e.error();
    err.message = std::string(what) + ": " + err.message;
    return err;
  }
  return e;
}

Result<Input> Parser::Read(Tag tag, std::string_view what) {
  auto e = ReadElement(tag, what);
  if (!e.ok()) return e.error();
  return e->value;
}

Result<Element> Parser::ReadOptional(Tag tag, std::string_view what) {
  Tag actual;
  if (!PeekTag(&actual) || actual != tag) return Element{};
  return ReadElement(tag, what);
}

Result<Parser> Parser::ReadSequence(std::string_view what) {
  auto v = Read(kSequence, what);
  if (!v.ok()) return v.error();
  return Parser(*v, base_);
}

Status Parser::Finish(std::string_view what) const {
  if (HasMore()) {
    return MakeErrorHere(ErrorKind::kTrailingData, "der.trailing_data",
                         std::string(what) + ": " + std::to_string(input_.size() - pos_) +
                             " unexpected trailing byte(s)");
  }
  return {};
}

Result<bool> ParseBoolean(Input v) {
  if (v.size() != 1) return MakeError(ErrorKind::kBadValue, "der.boolean_length", "BOOLEAN must be one octet");
  if (v[0] == 0x00) return false;
  if (v[0] == 0xff) return true;
  return MakeError(ErrorKind::kBadValue, "der.boolean_non_canonical", "BOOLEAN must be 0x00 or 0xFF in DER");
}

Status CheckInteger(Input v) {
  if (v.empty()) return MakeError(ErrorKind::kBadValue, "der.integer_empty", "INTEGER with no content octets");
  if (v.size() > 1) {
    if ((v[0] == 0x00 && !(v[1] & 0x80)) || (v[0] == 0xff && (v[1] & 0x80))) {
      return MakeError(ErrorKind::kNonMinimal, "der.integer_non_minimal", "INTEGER is not minimally encoded");
    }
  }
  return {};
}

Result<int64_t> ParseInt64(Input v) {
  if (auto s = CheckInteger(v); !s.ok()) return s.error();
  if (v.size() > 8) return MakeError(ErrorKind::kUnsupported, "der.integer_too_large", "INTEGER too large");
  int64_t value = (v[0] & 0x80) ? -1 : 0;
  for (uint8_t b : v) value = static_cast<int64_t>((static_cast<uint64_t>(value) << 8) | b);
  return value;
}

bool BitString::IsSet(size_t bit) const {
  const size_t byte = bit / 8;
  if (byte >= bytes.size()) return false;
  return bytes[byte] & (0x80 >> (bit % 8));
}

Result<BitString> ParseBitString(Input v) {
  if (v.empty()) return MakeError(ErrorKind::kBadValue, "der.bit_string_empty", "BIT STRING with no content octets");
  const uint8_t unused = v[0];
  if (unused > 7) return MakeError(ErrorKind::kBadValue, "der.bit_string_unused_count", "BIT STRING unused-bits count > 7");
  if (v.size() == 1 && unused != 0) {
    return MakeError(ErrorKind::kBadValue, "der.bit_string_empty_with_unused", "empty BIT STRING with unused bits");
  }
  if (unused != 0) {
    const uint8_t last = v[v.size() - 1];
    if (last & ((1u << unused) - 1)) {
      return MakeError(ErrorKind::kBadValue, "der.bit_string_unused_nonzero", "BIT STRING unused bits are not zero");
    }
  }
  BitString bs;
  bs.bytes = v.Sub(1, v.size() - 1);
  bs.unused_bits = unused;
  return bs;
}

Status CheckOid(Input v) {
  if (v.empty()) return MakeError(ErrorKind::kBadValue, "der.oid_empty", "empty OBJECT IDENTIFIER");
  if (v.size() > 128) return MakeError(ErrorKind::kBadValue, "der.oid_too_long", "OBJECT IDENTIFIER too long");
  bool start = true;
  for (size_t i = 0; i < v.size(); ++i) {
    if (start && v[i] == 0x80) {
      return MakeError(ErrorKind::kNonMinimal, "der.oid_non_minimal", "OBJECT IDENTIFIER sub-identifier not minimal");
    }
    start = !(v[i] & 0x80);
  }
  if (!start) return MakeError(ErrorKind::kTruncated, "der.oid_truncated", "OBJECT IDENTIFIER ends mid sub-identifier");
  return {};
}

std::string OidToString(Input v) {
  std::string out;
  uint64_t value = 0;
  bool first = true;
  for (size_t i = 0; i < v.size(); ++i) {
    if (value > (UINT64_MAX >> 7)) return out + "(overflow)";
    value = (value << 7) | (v[i] & 0x7f);
    if (v[i] & 0x80) continue;
    if (first) {
      uint64_t a = value < 40 ? 0 : value < 80 ? 1 : 2;
      out += std::to_string(a) + "." + std::to_string(value - 40 * a);
      first = false;
    } else {
      out += "." + std::to_string(value);
    }
    value = 0;
  }
  return out;
}

Result<std::vector<uint8_t>> OidFromString(std::string_view dotted) {
  std::vector<uint64_t> arcs;
  size_t pos = 0;
  while (pos <= dotted.size()) {
    size_t end = dotted.find('.', pos);
    if (end == std::string_view::npos) end = dotted.size();
    std::string_view part = dotted.substr(pos, end - pos);
    if (part.empty() || part.size() > 19 || (part.size() > 1 && part[0] == '0')) {
      return MakeError(ErrorKind::kBadValue, "der.oid_text_invalid", "not an OID: '" + std::string(dotted) + "'");
    }
    uint64_t v = 0;
    for (char ch : part) {
      if (ch < '0' || ch > '9') return MakeError(ErrorKind::kBadValue, "der.oid_text_invalid", "not an OID: '" + std::string(dotted) + "'");
      v = v * 10 + static_cast<uint64_t>(ch - '0');
    }
    arcs.push_back(v);
    pos = end + 1;
  }
  if (arcs.size() < 2 || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] >= 40) || arcs[1] > UINT64_MAX - 80) {
    return MakeError(ErrorKind::kBadValue, "der.oid_text_invalid", "not an OID: '" + std::string(dotted) + "'");
  }
  std::vector<uint8_t> out;
  auto put = [&out](uint64_t v) {
    uint8_t buf[10];
    int n = 0;
    do {
      buf[n++] = static_cast<uint8_t>(v & 0x7f);
      v >>= 7;
    } while (v);
    while (n > 1) out.push_back(buf[--n] | 0x80);
    out.push_back(buf[0]);
  };
  put(arcs[0] * 40 + arcs[1]);
  for (size_t i = 2; i < arcs.size(); ++i) put(arcs[i]);
  return out;
}

Status ValidateTree(Input input, int depth) {
  if (depth > kMaxDepth) return MakeError(ErrorKind::kTooDeep, "der.too_deep", "DER nesting deeper than 64");
  Parser p(input);
  while (p.HasMore()) {
    auto e = p.ReadAny();
    if (!e.ok()) return e.error();
    if (e->tag & kConstructed) {
      if (auto s = ValidateTree(e->value, depth + 1); !s.ok()) return s;
    }
  }
  return {};
}

std::string Hex(Input bytes) {
  static const char* kHex = "0123456789abcdef";
  std::string s;
  s.reserve(bytes.size() * 2);
  for (uint8_t b : bytes) {
    s += kHex[b >> 4];
    s += kHex[b & 15];
  }
  return s;
}

std::string HexColon(Input bytes) {
  static const char* kHex = "0123456789ABCDEF";
  std::string s;
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i) s += ':';
    s += kHex[bytes[i] >> 4];
    s += kHex[bytes[i] & 15];
  }
  return s;
}

}  // namespace der
}  // namespace trustready
