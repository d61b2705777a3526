// Host name parsing and matching rules (RFC 6125/9525, CA/B Forum).
#include <gtest/gtest.h>

#include "trustready/verify/hostname.h"

namespace trustready {
namespace {

TEST(HostName, ParsesDnsAndIp) {
  auto d = ParseHostName("Example.COM.");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->kind, HostName::Kind::kDns);
  EXPECT_EQ(d->dns, "example.com");
  auto v4 = ParseHostName("192.0.2.1");
  ASSERT_TRUE(v4.ok());
  EXPECT_EQ(v4->kind, HostName::Kind::kIp);
  EXPECT_EQ(v4->ip, (std::vector<uint8_t>{192, 0, 2, 1}));
  auto v6 = ParseHostName("[2001:db8::1]");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->ip.size(), 16u);
  EXPECT_EQ(v6->ToString(), "2001:db8::1");
  for (const char* bad : {"", "a..b", "foo_bar.example.com", "-a.com", "a-.com", "exa mple.com",
                          "*.example.com", "\xc3\xa9.com"}) {
    EXPECT_FALSE(ParseHostName(bad).ok()) << bad;
  }
  // Leading zeros are not an IPv4 address (and not a DNS name either: ok as
  // LDH, so it is a DNS name that no IP SAN matches).
  auto lz = ParseHostName("192.168.001.001");
  ASSERT_TRUE(lz.ok());
  EXPECT_EQ(lz->kind, HostName::Kind::kDns);
}

TEST(HostName, WildcardRules) {
  EXPECT_TRUE(MatchDnsName("example.com", "example.com"));
  EXPECT_TRUE(MatchDnsName("EXAMPLE.com", "example.com"));
  EXPECT_TRUE(MatchDnsName("*.example.com", "foo.example.com"));
  EXPECT_FALSE(MatchDnsName("*.example.com", "example.com"));
  EXPECT_FALSE(MatchDnsName("*.example.com", "a.b.example.com"));
  EXPECT_FALSE(MatchDnsName("f*.example.com", "foo.example.com"));
  EXPECT_FALSE(MatchDnsName("foo.*.com", "foo.example.com"));
  EXPECT_FALSE(MatchDnsName("*", "com"));
  EXPECT_FALSE(MatchDnsName("*.com", "example.com"));
  EXPECT_FALSE(MatchDnsName("foo_bar.example.com", "foo_bar.example.com"));
}

TEST(HostName, PublicSuffixes) {
  EXPECT_TRUE(IsPublicSuffix("com"));
  EXPECT_FALSE(IsPublicSuffix("example.com"));
  // These need the Public Suffix List (Debian "publicsuffix").
  EXPECT_TRUE(IsPublicSuffix("co.uk"));
  EXPECT_TRUE(IsPublicSuffix("s3.amazonaws.com"));
  EXPECT_FALSE(MatchDnsName("*.co.uk", "example.co.uk"));
  EXPECT_TRUE(MatchDnsName("*.example.co.uk", "www.example.co.uk"));
}

TEST(HostName, IpText) {
  EXPECT_FALSE(ParseIpAddress("1.2.3"));
  EXPECT_FALSE(ParseIpAddress("0xC0A80101"));
  EXPECT_FALSE(ParseIpAddress("256.1.1.1"));
  EXPECT_TRUE(ParseIpAddress("::1"));
  const uint8_t v4[] = {10, 0, 0, 1};
  EXPECT_EQ(FormatIpAddress(der::Input(v4)), "10.0.0.1");
}

}  // namespace
}  // namespace trustready
