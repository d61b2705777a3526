// Names: RFC 5280 4.1.2.4 (syntax), RFC 4514 (text), RFC 5280 7.1 (matching)
// and OpenSSL's canonical encoding (subject hashes).
//
// ASN.1:
//   Name ::= CHOICE { rdnSequence RDNSequence }
//   RDNSequence ::= SEQUENCE OF RelativeDistinguishedName
//   RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue
//   AttributeTypeAndValue ::= SEQUENCE { type AttributeType, value AttributeValue }
#include <algorithm>

#include "trustready/x509/name.h"
#include "x509/encode.h"

namespace trustready {
namespace {

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xc0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xe0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else {
    out->push_back(static_cast<char>(0xf0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  }
}

bool ValidUtf8(der::Input v) {
  size_t i = 0;
  while (i < v.size()) {
    const uint8_t c = v[i];
    size_t n;
    uint32_t cp;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xe0) == 0xc0) { n = 1; cp = c & 0x1f; }
    else if ((c & 0xf0) == 0xe0) { n = 2; cp = c & 0x0f; }
    else if ((c & 0xf8) == 0xf0) { n = 3; cp = c & 0x07; }
    else return false;
    if (i + n >= v.size()) return false;
    for (size_t k = 1; k <= n; ++k) {
      if ((v[i + k] & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (v[i + k] & 0x3f);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
        cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      return false;
    }
    i += n + 1;
  }
  return true;
}

bool IsStringTag(der::Tag t) {
  switch (t) {
    case der::kUtf8String: case der::kPrintableString: case der::kTeletexString:
    case der::kIa5String: case der::kVisibleString: case der::kUniversalString:
    case der::kBmpString: case 0x12 /* NumericString */:
      return true;
    default:
      return false;
  }
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// Trim, collapse internal whitespace runs to one space, ASCII lower-case.
std::string FoldSpaceAndCase(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && IsSpace(s[b])) ++b;
  while (e > b && IsSpace(s[e - 1])) --e;
  std::string out;
  out.reserve(e - b);
  for (size_t i = b; i < e;) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      out.push_back(static_cast<char>(c));
      ++i;
    } else if (IsSpace(static_cast<char>(c))) {
      out.push_back(' ');
      while (i < e && IsSpace(s[i])) ++i;
    } else {
      out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
      ++i;
    }
  }
  return out;
}

const struct { const char* name; uint8_t oid[10]; size_t len; } kAttributeNames[] = {
    {"CN", {0x55, 0x04, 0x03}, 3},
    {"SN", {0x55, 0x04, 0x04}, 3},
    {"serialNumber", {0x55, 0x04, 0x05}, 3},
    {"C", {0x55, 0x04, 0x06}, 3},
    {"L", {0x55, 0x04, 0x07}, 3},
    {"ST", {0x55, 0x04, 0x08}, 3},
    {"STREET", {0x55, 0x04, 0x09}, 3},
    {"O", {0x55, 0x04, 0x0a}, 3},
    {"OU", {0x55, 0x04, 0x0b}, 3},
    {"title", {0x55, 0x04, 0x0c}, 3},
    {"businessCategory", {0x55, 0x04, 0x0f}, 3},
    {"postalCode", {0x55, 0x04, 0x11}, 3},
    {"GN", {0x55, 0x04, 0x2a}, 3},
    {"initials", {0x55, 0x04, 0x2b}, 3},
    {"dnQualifier", {0x55, 0x04, 0x2e}, 3},
    {"pseudonym", {0x55, 0x04, 0x41}, 3},
    {"organizationIdentifier", {0x55, 0x04, 0x61}, 3},
    {"DC", {0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x19}, 10},
    {"UID", {0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x01}, 10},
    {"emailAddress", {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01}, 9},
    {"jurisdictionC", {0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x3c, 0x02, 0x01}, 10},
};

}  // namespace

std::string AttributeTypeName(der::Input type) {
  for (const auto& a : kAttributeNames) {
    if (der::Input(a.oid, a.len) == type) return a.name;
  }
  // jurisdictionL / jurisdictionST share a prefix with jurisdictionC.
  return der::OidToString(type);
}

Result<std::string> DecodeDirectoryString(der::Tag tag, der::Input v) {
  std::string out;
  auto bad = [&](const char* what) {
    return MakeError(ErrorKind::kBadString, "x509.directory_string_invalid",
                     std::string("invalid ") + what + " contents");
  };
  switch (tag) {
    case der::kUtf8String:
      if (!ValidUtf8(v)) return bad("UTF8String");
      return v.AsString();
    case der::kPrintableString:
    case der::kIa5String:
    case der::kVisibleString:
    case 0x12:  // NumericString
      for (uint8_t c : v) {
        if (c >= 0x80) return bad("ASCII string");
      }
      return v.AsString();
    case der::kTeletexString:
      // T.61 is in practice Latin-1 in certificates (as OpenSSL and NSS
      // treat it).
      for (uint8_t c : v) AppendUtf8(c, &out);
      return out;
    case der::kBmpString: {
      if (v.size() % 2) return bad("BMPString");
      for (size_t i = 0; i < v.size(); i += 2) {
        uint32_t cp = (v[i] << 8) | v[i + 1];
        if (cp >= 0xd800 && cp <= 0xdfff) return bad("BMPString");
        AppendUtf8(cp, &out);
      }
      return out;
    }
    case der::kUniversalString: {
      if (v.size() % 4) return bad("UniversalString");
      for (size_t i = 0; i < v.size(); i += 4) {
        uint32_t cp = (static_cast<uint32_t>(v[i]) << 24) | (v[i + 1] << 16) | (v[i + 2] << 8) | v[i + 3];
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return bad("UniversalString");
        AppendUtf8(cp, &out);
      }
      return out;
    }
    default:
      return MakeError(ErrorKind::kBadTag, "x509.directory_string_type", "not a directory string type");
  }
}

Status ParseRdnSequence(der::Input contents, Name* out) {
  out->contents = contents;
  out->rdns.clear();
  der::Parser seq(contents);
  while (seq.HasMore()) {
    auto set = seq.Read(der::kSet, "RelativeDistinguishedName");
    if (!set.ok()) return set.error();
    der::Parser atvs(*set, seq.base());
    RelativeDistinguishedName rdn;
    if (!atvs.HasMore()) {
      return atvs.MakeErrorHere(ErrorKind::kBadValue, "x509.rdn_empty", "RelativeDistinguishedName is an empty SET");
    }
    while (atvs.HasMore()) {
      auto atv = atvs.ReadSequence("AttributeTypeAndValue");
      if (!atv.ok()) return atv.error();
      AttributeTypeAndValue a;
      auto type = atv->Read(der::kOid, "AttributeTypeAndValue.type");
      if (!type.ok()) return type.error();
      if (auto s = der::CheckOid(*type); !s.ok()) return s;
      a.type = *type;
      auto value = atv->ReadAny();
      if (!value.ok()) return value.error();
      a.value_tag = value->tag;
      a.value = value->value;
      a.value_tlv = value->encoded;
      if (auto s = atv->Finish("AttributeTypeAndValue"); !s.ok()) return s;
      rdn.push_back(a);
    }
    out->rdns.push_back(std::move(rdn));
  }
  return {};
}

Status ParseName(der::Input name_tlv, Name* out) {
  der::Parser p(name_tlv);
  auto e = p.ReadElement(der::kSequence, "Name");
  if (!e.ok()) return e.error();
  if (auto s = p.Finish("Name"); !s.ok()) return s;
  out->encoded = e->encoded;
  return ParseRdnSequence(e->value, out);
}

std::string Name::Get(der::Input type) const {
  for (const auto& rdn : rdns) {
    for (const auto& a : rdn) {
      if (a.type == type) {
        auto s = DecodeDirectoryString(a.value_tag, a.value);
        return s.ok() ? *s : std::string();
      }
    }
  }
  return {};
}

std::string Name::ToRfc4514() const {
  std::string out;
  for (size_t r = rdns.size(); r-- > 0;) {
    if (r != rdns.size() - 1) out += ',';
    for (size_t i = 0; i < rdns[r].size(); ++i) {
      const auto& a = rdns[r][i];
      if (i) out += '+';
      out += AttributeTypeName(a.type);
      out += '=';
      auto decoded = IsStringTag(a.value_tag) ? DecodeDirectoryString(a.value_tag, a.value)
                                              : Result<std::string>(MakeError(ErrorKind::kBadTag, ""));
      if (!decoded.ok()) {
        out += '#' + der::Hex(a.value_tlv);
        continue;
      }
      const std::string& s = *decoded;
      for (size_t k = 0; k < s.size(); ++k) {
        const char c = s[k];
        const bool special = c == ',' || c == '+' || c == '"' || c == '\\' || c == '<' ||
                             c == '>' || c == ';' || c == '=' ||
                             (k == 0 && (c == '#' || c == ' ')) ||
                             (k == s.size() - 1 && c == ' ');
        if (c == '\0') {
          out += "\\00";
        } else {
          if (special) out += '\\';
          out += c;
        }
      }
    }
  }
  return out;
}

std::string NormalizeName(const Name& name) {
  std::string out;
  for (const auto& rdn : name.rdns) {
    std::vector<std::string> parts;
    for (const auto& a : rdn) {
      std::string part = der::Hex(a.type) + "=";
      auto decoded = IsStringTag(a.value_tag) ? DecodeDirectoryString(a.value_tag, a.value)
                                              : Result<std::string>(MakeError(ErrorKind::kBadTag, ""));
      if (decoded.ok()) {
        part += 's' + FoldSpaceAndCase(*decoded);
      } else {
        part += 'b' + a.value_tlv.AsString();
      }
      parts.push_back(std::to_string(part.size()) + ":" + part);
    }
    std::sort(parts.begin(), parts.end());
    out += '{';
    for (auto& p : parts) out += p;
    out += '}';
  }
  return out;
}

std::string OpenSslCanonicalName(const Name& name) {
  // x509_name_canon: each value of a string type in ASN1_MASK_CANON (UTF8,
  // BMP, Universal, Printable, T61, IA5, Visible; NumericString is not) is
  // converted to UTF-8, trimmed, whitespace-collapsed and ASCII-lowercased,
  // and re-encoded as UTF8String; other values are kept as they are. Each
  // RDN is re-encoded as a DER SET (members sorted), and the SETs are
  // concatenated without the outer SEQUENCE header.
  std::string out;
  for (const auto& rdn : name.rdns) {
    std::vector<std::string> members;
    for (const auto& a : rdn) {
      std::string value_tlv;
      const bool canon = a.value_tag == der::kUtf8String || a.value_tag == der::kBmpString ||
                         a.value_tag == der::kUniversalString ||
                         a.value_tag == der::kPrintableString ||
                         a.value_tag == der::kTeletexString || a.value_tag == der::kIa5String ||
                         a.value_tag == der::kVisibleString;
      std::string decoded;
      bool ok = false;
      if (canon) {
        if (a.value_tag == der::kPrintableString || a.value_tag == der::kIa5String ||
            a.value_tag == der::kVisibleString) {
          // OpenSSL maps these one byte per character (Latin-1).
          for (uint8_t c : a.value) AppendUtf8(c, &decoded);
          ok = true;
        } else {
          auto d = DecodeDirectoryString(a.value_tag, a.value);
          if (d.ok()) {
            decoded = *d;
            ok = true;
          }
        }
      }
      if (ok) {
        value_tlv = EncodeTlv(der::kUtf8String, FoldSpaceAndCase(decoded));
      } else {
        value_tlv = a.value_tlv.AsString();
      }
      members.push_back(EncodeTlv(der::kSequence, EncodeTlv(der::kOid, a.type.AsString()) + value_tlv));
    }
    std::sort(members.begin(), members.end());
    std::string set;
    for (auto& m : members) set += m;
    out += EncodeTlv(der::kSet, set);
  }
  return out;
}

}  // namespace trustready
