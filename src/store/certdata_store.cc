// Mozilla NSS certdata.txt (nss/lib/ckfw/builtins/certdata.txt).
//
// The file is a list of PKCS#11 objects after a "BEGINDATA" line. Each
// object starts with "CKA_CLASS CK_OBJECT_CLASS <class>" and is a list of
// "<attribute> <type> <value>" lines; type MULTILINE_OCTAL is followed by
// lines of \ooo escapes ending with "END". '#' starts a comment line.
//
// Objects used:
//   CKO_CERTIFICATE: CKA_VALUE (DER), CKA_LABEL, CKA_ISSUER,
//     CKA_SERIAL_NUMBER, CKA_NSS_SERVER_DISTRUST_AFTER and
//     CKA_NSS_EMAIL_DISTRUST_AFTER (CK_BBOOL CK_FALSE, or the 13 characters
//     of a UTCTime "YYMMDDHHMMSSZ" as MULTILINE_OCTAL).
//   CKO_NSS_TRUST: matched to its certificate by CKA_ISSUER and
//     CKA_SERIAL_NUMBER (as NSS's builtins module does); CKA_TRUST_SERVER_AUTH,
//     _CLIENT_AUTH, _EMAIL_PROTECTION, _CODE_SIGNING.
// Trust values: CKT_NSS_TRUSTED_DELEGATOR trusts the certificate as an
// anchor for that purpose; CKT_NSS_MUST_VERIFY_TRUST means "not an anchor";
// CKT_NSS_NOT_TRUSTED is an explicit distrust. A certificate with a
// NOT_TRUSTED purpose and no TRUSTED_DELEGATOR one is distrusted (how the
// file marks DigiNotar-style blocks). Trust objects that name no certificate
// in the file (distrust by issuer/serial only) cannot become anchors and
// are skipped. Other object classes (CKO_NSS_BUILTIN_ROOT_LIST, ...) are
// ignored.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "trustready/store/certdata_store.h"

namespace trustready {

namespace {

struct Attr {
  std::string type;
  std::string value;  // decoded bytes for MULTILINE_OCTAL, text otherwise
};
struct Object {
  size_t line = 0;
  std::map<std::string, Attr> attrs;
  const Attr* Get(const std::string& name) const {
    auto it = attrs.find(name);
    return it == attrs.end() ? nullptr : &it->second;
  }
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string_view NextToken(std::string_view* s) {
  *s = Trim(*s);
  size_t end = s->find_first_of(" \t");
  std::string_view tok = s->substr(0, end);
  s->remove_prefix(end == std::string_view::npos ? s->size() : end);
  *s = Trim(*s);
  return tok;
}

Result<std::vector<Object>> ParseObjects(std::string_view text, const std::string& source) {
  auto err = [&](size_t line, const std::string& msg) {
    return MakeError(ErrorKind::kFormat, "certdata.syntax", source + ":" + std::to_string(line) + ": " + msg);
  };
  std::vector<Object> objects;
  bool in_data = text.find("BEGINDATA") == std::string_view::npos;
  size_t line_no = 0;
  size_t pos = 0;
  auto next_line = [&](std::string_view* line) {
    if (pos >= text.size()) return false;
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    *line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    return true;
  };
  std::string_view line;
  while (next_line(&line)) {
    std::string_view t = Trim(line);
    if (t.empty() || t.front() == '#') continue;
    if (!in_data) {
      if (t == "BEGINDATA") in_data = true;
      continue;
    }
    std::string_view rest = t;
    std::string name(NextToken(&rest));
    std::string type(NextToken(&rest));
    if (name.rfind("CKA_", 0) != 0 || type.empty()) {
      return err(line_no, "expected \"CKA_<attribute> <type> <value>\"");
    }
    Attr attr{type, ""};
    if (type == "MULTILINE_OCTAL") {
      size_t start = line_no;
      bool ended = false;
      std::string_view oct;
      while (next_line(&oct)) {
        std::string_view o = Trim(oct);
        if (o == "END") {
          ended = true;
          break;
        }
        for (size_t i = 0; i < o.size();) {
          if (o[i] != '\\' || i + 4 > o.size()) {
            return err(line_no, "bad octal escape in " + name);
          }
          int v = 0;
          for (size_t k = 1; k <= 3; ++k) {
            char c = o[i + k];
            if (c < '0' || c > '7') return err(line_no, "bad octal escape in " + name);
            v = v * 8 + (c - '0');
          }
          if (v > 255) return err(line_no, "bad octal escape in " + name);
          attr.value.push_back(static_cast<char>(v));
          i += 4;
        }
      }
      if (!ended) return err(start, name + ": MULTILINE_OCTAL without END");
    } else if (type == "UTF8") {
      std::string_view v = rest;
      if (v.size() < 2 || v.front() != '"' || v.back() != '"') {
        return err(line_no, name + ": UTF8 value must be quoted");
      }
      v = v.substr(1, v.size() - 2);
      for (size_t i = 0; i < v.size(); ++i) {
        if (v[i] == '\\' && i + 1 < v.size()) ++i;
        attr.value.push_back(v[i]);
      }
    } else {
      attr.value = std::string(rest);
    }
    if (name == "CKA_CLASS") {
      objects.push_back(Object{line_no, {}});
    } else if (objects.empty()) {
      return err(line_no, name + " before the first CKA_CLASS");
    }
    objects.back().attrs[name] = std::move(attr);
  }
  if (!in_data) return MakeError(ErrorKind::kFormat, "certdata.begindata_missing", source + ": no BEGINDATA line");
  return objects;
}

enum class NssTrust { kAbsent, kDelegator, kMustVerify, kNotTrusted, kOther };

NssTrust TrustValue(const Object& o, const char* attr) {
  const Attr* a = o.Get(attr);
  if (!a) return NssTrust::kAbsent;
  if (a->value == "CKT_NSS_TRUSTED_DELEGATOR") return NssTrust::kDelegator;
  if (a->value == "CKT_NSS_MUST_VERIFY_TRUST") return NssTrust::kMustVerify;
  if (a->value == "CKT_NSS_NOT_TRUSTED") return NssTrust::kNotTrusted;
  return NssTrust::kOther;
}

// CKA_NSS_*_DISTRUST_AFTER: CK_BBOOL CK_FALSE (none) or a UTCTime's
// characters. Anything else is an error: a date we cannot read must not be
// silently dropped, or a distrusted CA would look fully trusted.
Result<std::optional<UnixTime>> DistrustAfter(const Object& o, const char* attr,
                                              const std::string& source) {
  const Attr* a = o.Get(attr);
  if (!a) return std::optional<UnixTime>();
  if (a->type == "CK_BBOOL" && a->value == "CK_FALSE") return std::optional<UnixTime>();
  if (a->type == "MULTILINE_OCTAL") {
    der::Tag tag = a->value.size() == 13 ? der::kUtcTime : der::kGeneralizedTime;
    auto t = ParseX509Time(tag, der::Input(std::string_view(a->value)));
    if (t.ok()) return std::optional<UnixTime>(*t);
  }
  return MakeError(ErrorKind::kFormat, "certdata.attribute_invalid", source + ":" + std::to_string(o.line) + ": bad " +
                                           std::string(attr) + " value");
}

}  // namespace

Result<TrustStore> ReadCertdataStore(std::string_view text, const std::string& source) {
  auto objects = ParseObjects(text, source);
  if (!objects.ok()) return objects.error();

  std::map<std::pair<std::string, std::string>, const Object*> trust_by_issuer_serial;
  for (const Object& o : *objects) {
    const Attr* cls = o.Get("CKA_CLASS");
    if (cls->value != "CKO_NSS_TRUST") continue;
    const Attr* issuer = o.Get("CKA_ISSUER");
    const Attr* serial = o.Get("CKA_SERIAL_NUMBER");
    if (!issuer || !serial) {
      return MakeError(ErrorKind::kFormat, "certdata.trust_without_issuer_serial", source + ":" + std::to_string(o.line) +
                                               ": trust object without CKA_ISSUER/CKA_SERIAL_NUMBER");
    }
    trust_by_issuer_serial[{issuer->value, serial->value}] = &o;
  }

  TrustStore store(source, StoreFormat::kCertdata, source);
  for (const Object& o : *objects) {
    if (o.Get("CKA_CLASS")->value != "CKO_CERTIFICATE") continue;
    const Attr* value = o.Get("CKA_VALUE");
    if (!value || value->type != "MULTILINE_OCTAL") {
      return MakeError(ErrorKind::kFormat, "certdata.certificate_without_value",
                       source + ":" + std::to_string(o.line) + ": certificate without CKA_VALUE");
    }
    auto cert = Certificate::Parse(der::Input(std::string_view(value->value)));
    const Attr* label = o.Get("CKA_LABEL");
    std::string name = label ? label->value : "line " + std::to_string(o.line);
    if (!cert.ok()) {
      return MakeError(cert.error().kind, cert.error().detail, source + ":" + std::to_string(o.line) + ": \"" + name +
                                              "\": bad certificate: " + cert.error().message);
    }
    TrustAnchor anchor{*cert, {}, name};
    anchor.trust.purposes = 0;
    auto sda = DistrustAfter(o, "CKA_NSS_SERVER_DISTRUST_AFTER", source);
    if (!sda.ok()) return sda.error();
    auto eda = DistrustAfter(o, "CKA_NSS_EMAIL_DISTRUST_AFTER", source);
    if (!eda.ok()) return eda.error();
    anchor.trust.server_distrust_after = *sda;
    anchor.trust.email_distrust_after = *eda;

    const Attr* issuer = o.Get("CKA_ISSUER");
    const Attr* serial = o.Get("CKA_SERIAL_NUMBER");
    const Object* trust = nullptr;
    if (issuer && serial) {
      auto it = trust_by_issuer_serial.find({issuer->value, serial->value});
      if (it != trust_by_issuer_serial.end()) trust = it->second;
    }
    if (trust) {
      struct {
        const char* attr;
        Purpose purpose;
      } const kMap[] = {
          {"CKA_TRUST_SERVER_AUTH", Purpose::kServerAuth},
          {"CKA_TRUST_CLIENT_AUTH", Purpose::kClientAuth},
          {"CKA_TRUST_EMAIL_PROTECTION", Purpose::kEmailProtection},
          {"CKA_TRUST_CODE_SIGNING", Purpose::kCodeSigning},
      };
      bool any_not_trusted = false;
      for (const auto& m : kMap) {
        NssTrust v = TrustValue(*trust, m.attr);
        if (v == NssTrust::kDelegator) anchor.trust.purposes |= static_cast<uint8_t>(m.purpose);
        if (v == NssTrust::kNotTrusted) any_not_trusted = true;
      }
      anchor.trust.distrusted = any_not_trusted && anchor.trust.purposes == 0;
    }
    store.Add(std::move(anchor));
  }
  if (store.size() == 0) {
    return MakeError(ErrorKind::kNotCertificate, "certdata.no_certificate", source + ": certdata.txt holds no certificate");
  }
  return store;
}

}  // namespace trustready
