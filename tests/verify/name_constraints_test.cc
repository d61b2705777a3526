// Direct tests of src/verify/name_constraints.cc (RFC 5280 4.2.1.10):
// every name form it processes (dNSName, iPAddress, directoryName,
// rfc822Name, URI), permitted and excluded subtrees, constraints of a form
// it does not process, the syntax check and the comparison budget. The
// constraints are DER written here and parsed by the certificate parser
// (a CA carrying them), the names are a generated leaf's.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "verify/cert_builder.h"
#include "verify/name_constraints.h"

namespace trustready {
namespace {

using Bytes = std::vector<uint8_t>;
using test_pki::Issued;

Bytes Tlv(uint8_t tag, const Bytes& contents) {
  Bytes out = {tag};
  const size_t n = contents.size();
  if (n < 0x80) {
    out.push_back(static_cast<uint8_t>(n));
  } else if (n < 0x100) {
    out.insert(out.end(), {0x81, static_cast<uint8_t>(n)});
  } else {
    out.insert(out.end(), {0x82, static_cast<uint8_t>(n >> 8), static_cast<uint8_t>(n)});
  }
  out.insert(out.end(), contents.begin(), contents.end());
  return out;
}
Bytes Str(const std::string& s) { return Bytes(s.begin(), s.end()); }
Bytes Cat(const std::vector<Bytes>& parts) {
  Bytes out;
  for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

// GeneralName forms (RFC 5280 4.2.1.6).
Bytes Dns(const std::string& s) { return Tlv(0x82, Str(s)); }
Bytes Email(const std::string& s) { return Tlv(0x81, Str(s)); }
Bytes Uri(const std::string& s) { return Tlv(0x86, Str(s)); }
Bytes Ip(const Bytes& address_and_mask) { return Tlv(0x87, address_and_mask); }
// directoryName [4] EXPLICIT Name.
Bytes DirName(const std::vector<std::pair<std::string, std::string>>& rdns) {
  X509_NAME* n = X509_NAME_new();
  for (const auto& [t, v] : rdns) {
    X509_NAME_add_entry_by_txt(n, t.c_str(), MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(v.c_str()), -1, -1, 0);
  }
  unsigned char* der = nullptr;
  const int len = i2d_X509_NAME(n, &der);
  Bytes name(der, der + len);
  OPENSSL_free(der);
  X509_NAME_free(n);
  return Tlv(0xa4, name);
}
// otherName [0] { type-id OID, [0] EXPLICIT value }: a form not processed.
Bytes OtherName() {
  const Bytes oid = Tlv(0x06, {0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x14, 0x02, 0x03});  // UPN
  return Tlv(0xa0, Cat({oid, Tlv(0xa0, Tlv(0x0c, Str("user@example.com")))}));
}
Bytes RegisteredId() { return Tlv(0x88, {0x2b, 0x06, 0x01, 0x04, 0x01, 0x83, 0xb2, 0x03}); }

// NameConstraints ::= SEQUENCE { permittedSubtrees [0] GeneralSubtrees
// OPTIONAL, excludedSubtrees [1] GeneralSubtrees OPTIONAL }
Bytes NameConstraintsDer(const std::vector<Bytes>& permitted, const std::vector<Bytes>& excluded) {
  auto subtrees = [](uint8_t tag, const std::vector<Bytes>& names) {
    std::vector<Bytes> st;
    for (const Bytes& n : names) st.push_back(Tlv(0x30, n));
    return Tlv(tag, Cat(st));
  };
  Bytes body;
  if (!permitted.empty()) body = Cat({body, subtrees(0xa0, permitted)});
  if (!excluded.empty()) body = Cat({body, subtrees(0xa1, excluded)});
  return Tlv(0x30, body);
}

Bytes SanDer(const std::vector<Bytes>& names) { return Tlv(0x30, Cat(names)); }

class NameConstraintsTest : public ::testing::Test {
 protected:
  // "ok", or the detail id of the failure ("name_constraints.excluded").
  std::string Check(const std::vector<Bytes>& permitted, const std::vector<Bytes>& excluded,
                    const std::vector<Bytes>& sans,
                    std::vector<std::pair<std::string, std::string>> subject = {{"O", "trustready test"},
                                                                                {"CN", "leaf"}}) {
    Issued ca = test_pki::Ca("NC CA")
                    .Raw("2.5.29.30", true, NameConstraintsDer(permitted, excluded))
                    .SelfSigned();
    EXPECT_TRUE(ca.cert && ca.cert->parsed().name_constraints.has_value());
    if (!ca.cert || !ca.cert->parsed().name_constraints) return "unparsed";
    test_pki::CertBuilder leaf = test_pki::Leaf().Subject(std::move(subject)).Drop(NID_subject_alt_name);
    if (!sans.empty()) leaf.Raw("2.5.29.17", false, SanDer(sans));
    Issued l = leaf.IssuedBy(ca);
    if (!l.cert) return "leaf unparsed";
    const NameConstraints& nc = *ca.cert->parsed().name_constraints;
    if (Status s = verify_internal::CheckNameConstraintsSyntax(nc); !s.ok()) return std::string(s.error().detail);
    bool exhausted = false;
    Status s = verify_internal::CheckNameConstraints(nc, l.cert->parsed(), &comparisons_, &exhausted);
    exhausted_ = exhausted;
    if (s.ok()) return "ok";
    return std::string(s.error().detail);
  }
  int comparisons_ = 250000;
  bool exhausted_ = false;
};

TEST_F(NameConstraintsTest, DnsNamePermitted) {
  EXPECT_EQ(Check({Dns("example.com")}, {}, {Dns("leaf.example.com")}), "ok");
  EXPECT_EQ(Check({Dns("example.com")}, {}, {Dns("example.com")}), "ok");
  EXPECT_EQ(Check({Dns("example.com")}, {}, {Dns("LEAF.Example.COM")}), "ok");  // case-insensitive
  EXPECT_EQ(Check({Dns("example.org")}, {}, {Dns("leaf.example.com")}), "name_constraints.not_permitted");
  // A label boundary, not a string suffix.
  EXPECT_EQ(Check({Dns("example.com")}, {}, {Dns("badexample.com")}), "name_constraints.not_permitted");
  // Every name must be inside: one outside is enough to fail.
  EXPECT_EQ(Check({Dns("example.com")}, {}, {Dns("a.example.com"), Dns("b.example.net")}),
            "name_constraints.not_permitted");
  // Either of two permitted subtrees.
  EXPECT_EQ(Check({Dns("example.org"), Dns("example.com")}, {}, {Dns("leaf.example.com")}), "ok");
  // A wildcard is inside when everything it can match is.
  EXPECT_EQ(Check({Dns("example.com")}, {}, {Dns("*.example.com")}), "ok");
  EXPECT_EQ(Check({Dns("www.example.com")}, {}, {Dns("*.example.com")}), "name_constraints.not_permitted");
  // The Common Name is not a DNS name (no CN fallback): a leaf without SAN
  // whose CN is outside passes dNSName constraints.
  EXPECT_EQ(Check({Dns("example.org")}, {}, {}, {{"CN", "leaf.example.com"}}), "ok");
}

TEST_F(NameConstraintsTest, DnsNameExcluded) {
  EXPECT_EQ(Check({}, {Dns("example.com")}, {Dns("leaf.example.com")}), "name_constraints.excluded");
  EXPECT_EQ(Check({}, {Dns("example.com")}, {Dns("leaf.example.org")}), "ok");
  // Excluded wins over permitted.
  EXPECT_EQ(Check({Dns("example.com")}, {Dns("bad.example.com")}, {Dns("x.bad.example.com")}),
            "name_constraints.excluded");
  EXPECT_EQ(Check({Dns("example.com")}, {Dns("bad.example.com")}, {Dns("good.example.com")}), "ok");
  // A wildcard that can match into an excluded subtree is excluded.
  EXPECT_EQ(Check({}, {Dns("bad.example.com")}, {Dns("*.example.com")}), "name_constraints.excluded");
  // A malformed DNS name cannot be judged against constraints.
  EXPECT_EQ(Check({Dns("example.com")}, {}, {Dns("bad..example.com")}), "name_constraints.dns_name_malformed");
}

TEST_F(NameConstraintsTest, IpAddress) {
  const Bytes net10 = {10, 0, 0, 0, 255, 0, 0, 0};
  const Bytes v6 = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                    0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  EXPECT_EQ(Check({Ip(net10)}, {}, {Ip({10, 1, 2, 3})}), "ok");
  EXPECT_EQ(Check({Ip(net10)}, {}, {Ip({192, 168, 1, 1})}), "name_constraints.not_permitted");
  EXPECT_EQ(Check({}, {Ip(net10)}, {Ip({10, 1, 2, 3})}), "name_constraints.excluded");
  EXPECT_EQ(Check({}, {Ip(net10)}, {Ip({11, 1, 2, 3})}), "ok");
  Bytes in6 = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  EXPECT_EQ(Check({Ip(v6)}, {}, {Ip(in6)}), "ok");
  // An IPv4 address against IPv6-only permitted subtrees is outside them.
  EXPECT_EQ(Check({Ip(v6)}, {}, {Ip({10, 1, 2, 3})}), "name_constraints.not_permitted");
  // DNS constraints do not constrain IP addresses and the other way round.
  EXPECT_EQ(Check({Dns("example.com")}, {}, {Ip({10, 1, 2, 3})}), "ok");
  // Not CIDR: a mask with a hole, address bits outside the mask.
  EXPECT_EQ(Check({Ip({10, 0, 0, 0, 255, 0, 255, 0})}, {}, {Ip({10, 1, 2, 3})}),
            "name_constraints.ip_constraint_invalid");
  EXPECT_EQ(Check({Ip({10, 1, 0, 0, 255, 0, 0, 0})}, {}, {Ip({10, 1, 2, 3})}),
            "name_constraints.ip_constraint_invalid");
}

TEST_F(NameConstraintsTest, DirectoryName) {
  const auto subject = std::vector<std::pair<std::string, std::string>>{{"C", "DE"}, {"O", "Example"}, {"CN", "leaf"}};
  EXPECT_EQ(Check({DirName({{"C", "DE"}, {"O", "Example"}})}, {}, {}, subject), "ok");
  EXPECT_EQ(Check({DirName({{"C", "DE"}, {"O", "Other"}})}, {}, {}, subject), "name_constraints.not_permitted");
  EXPECT_EQ(Check({}, {DirName({{"C", "DE"}})}, {}, subject), "name_constraints.excluded");
  // A prefix of RDNs, not any RDN: O=Example alone is not a prefix.
  EXPECT_EQ(Check({DirName({{"O", "Example"}})}, {}, {}, subject), "name_constraints.not_permitted");
  // directoryName SANs are checked like the subject.
  EXPECT_EQ(Check({}, {DirName({{"C", "FR"}})}, {DirName({{"C", "FR"}, {"CN", "alt"}})}, subject),
            "name_constraints.excluded");
  // RFC 5280 6.1.3 (b): an empty subject is not constrained.
  EXPECT_EQ(Check({DirName({{"C", "DE"}})}, {}, {Dns("leaf.example.com")}, {}), "ok");
}

TEST_F(NameConstraintsTest, EmailAndUri) {
  EXPECT_EQ(Check({Email("example.com")}, {}, {Email("user@example.com")}), "ok");
  EXPECT_EQ(Check({Email("example.com")}, {}, {Email("user@mail.example.com")}), "name_constraints.not_permitted");
  EXPECT_EQ(Check({Email(".example.com")}, {}, {Email("user@mail.example.com")}), "ok");
  EXPECT_EQ(Check({Email(".example.com")}, {}, {Email("user@example.com")}), "name_constraints.not_permitted");
  EXPECT_EQ(Check({Email("user@example.com")}, {}, {Email("other@example.com")}), "name_constraints.not_permitted");
  EXPECT_EQ(Check({}, {Email("example.com")}, {Email("user@EXAMPLE.com")}), "name_constraints.excluded");
  // The subject's emailAddress attribute is constrained like an rfc822Name.
  EXPECT_EQ(Check({Email("example.com")}, {}, {}, {{"emailAddress", "user@example.org"}, {"CN", "leaf"}}),
            "name_constraints.not_permitted");
  EXPECT_EQ(Check({Email("example.com")}, {}, {Email("not-an-address")}), "name_constraints.email_malformed");
  EXPECT_EQ(Check({Email("exa mple.com")}, {}, {Email("user@example.com")}),
            "name_constraints.email_constraint_invalid");

  EXPECT_EQ(Check({Uri(".example.com")}, {}, {Uri("https://www.example.com/path")}), "ok");
  EXPECT_EQ(Check({Uri(".example.com")}, {}, {Uri("https://example.com/")}), "name_constraints.not_permitted");
  EXPECT_EQ(Check({Uri("www.example.com")}, {}, {Uri("https://user@www.example.com:8443/x")}), "ok");
  EXPECT_EQ(Check({}, {Uri("www.example.com")}, {Uri("https://www.example.com/")}), "name_constraints.excluded");
  EXPECT_EQ(Check({Uri(".example.com")}, {}, {Uri("urn:isbn:123")}), "name_constraints.uri_without_host");
}

// RFC 5280: a constraint of a form the verifier does not process MUST
// either be processed or the certificate rejected; here it fails only a
// certificate holding a name of that form.
TEST_F(NameConstraintsTest, FormsNotProcessed) {
  EXPECT_EQ(Check({OtherName()}, {}, {OtherName()}), "name_constraints.form_unsupported");
  EXPECT_EQ(Check({}, {OtherName()}, {OtherName()}), "name_constraints.form_unsupported");
  EXPECT_EQ(Check({OtherName()}, {}, {Dns("leaf.example.com")}), "ok");
  EXPECT_EQ(Check({RegisteredId()}, {}, {RegisteredId()}), "name_constraints.form_unsupported");
}

TEST_F(NameConstraintsTest, Syntax) {
  NameConstraints empty;
  Status s = verify_internal::CheckNameConstraintsSyntax(empty);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().detail, "name_constraints.no_subtrees");
  EXPECT_EQ(Check({Dns("exa_mple..com")}, {}, {Dns("leaf.example.com")}), "name_constraints.dns_constraint_invalid");
  // An empty dNSName constraint is every name (valid syntax).
  EXPECT_EQ(Check({}, {Dns("")}, {Dns("leaf.example.com")}), "name_constraints.excluded");
}

TEST_F(NameConstraintsTest, ComparisonBudget) {
  comparisons_ = 1;
  EXPECT_EQ(Check({Dns("a.example"), Dns("b.example"), Dns("c.example")}, {}, {Dns("leaf.example.com")}),
            "budget.name_constraint_comparisons");
  EXPECT_TRUE(exhausted_);
  comparisons_ = 3;
  EXPECT_EQ(Check({Dns("a.example"), Dns("b.example"), Dns("example.com")}, {}, {Dns("leaf.example.com")}), "ok");
  EXPECT_FALSE(exhausted_);
  EXPECT_EQ(comparisons_, 0);
}

}  // namespace
}  // namespace trustready
