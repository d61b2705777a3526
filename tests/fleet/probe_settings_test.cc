// fleet scan's probe knobs (fleet::ProbeSettings -> AsyncProbeOptions): the
// defaults map one to one, every out-of-range value is an error naming its
// option (the CLI prints it as is), checked in the documented order.
#include <gtest/gtest.h>

#include <functional>

#include "trustready/fleet/fleet.h"

namespace trustready::fleet {
namespace {

using std::chrono::milliseconds;

TEST(ProbeSettings, DefaultsMapToTheProbeOptions) {
  auto p = ProbeOptionsFrom({});
  ASSERT_TRUE(p.ok()) << p.error().ToString();
  EXPECT_EQ(p->concurrency, 1000u);
  EXPECT_EQ(p->threads, 0);
  EXPECT_EQ(p->resolver_threads, 8);
  EXPECT_EQ(p->per_ip_concurrency, 4);
  EXPECT_EQ(p->per_ip_rate, 20);
  EXPECT_EQ(p->dns_timeout, milliseconds(5000));
  EXPECT_EQ(p->connect_timeout, milliseconds(5000));
  EXPECT_EQ(p->handshake_timeout, milliseconds(5000));
  EXPECT_EQ(p->read_timeout, milliseconds(5000));
  EXPECT_EQ(p->retries, 1);
  EXPECT_EQ(p->retry_backoff, milliseconds(1000));
  EXPECT_TRUE(p->dns_cache);
}

TEST(ProbeSettings, ValuesAreCarriedOver) {
  ProbeSettings s;
  s.concurrency = 7;
  s.threads = 3;
  s.resolvers = 2;
  s.per_ip_concurrency = 0;
  s.per_ip_rate = 0;
  s.dns_timeout = 0.25;
  s.connect_timeout = 1.5;
  s.handshake_timeout = 600;
  s.read_timeout = 2;
  s.retries = 0;
  s.retry_backoff = 0.5;
  s.no_dns_cache = true;
  auto p = ProbeOptionsFrom(s);
  ASSERT_TRUE(p.ok()) << p.error().ToString();
  EXPECT_EQ(p->concurrency, 7u);
  EXPECT_EQ(p->threads, 3);
  EXPECT_EQ(p->resolver_threads, 2);
  EXPECT_EQ(p->dns_timeout, milliseconds(250));
  EXPECT_EQ(p->connect_timeout, milliseconds(1500));
  EXPECT_EQ(p->handshake_timeout, milliseconds(600000));
  EXPECT_EQ(p->read_timeout, milliseconds(2000));
  EXPECT_EQ(p->retries, 0);
  EXPECT_EQ(p->retry_backoff, milliseconds(500));
  EXPECT_FALSE(p->dns_cache);
}

TEST(ProbeSettings, EachOutOfRangeValueNamesItsOption) {
  const std::vector<std::pair<std::function<void(ProbeSettings&)>, std::string>> cases = {
      {[](ProbeSettings& s) { s.concurrency = 0; }, "--concurrency: between 1 and 100000"},
      {[](ProbeSettings& s) { s.concurrency = 100001; }, "--concurrency: between 1 and 100000"},
      {[](ProbeSettings& s) { s.threads = 257; }, "--threads: between 0 (one per core) and 256"},
      {[](ProbeSettings& s) { s.resolvers = 0; }, "--resolvers: between 1 and 256"},
      {[](ProbeSettings& s) { s.per_ip_concurrency = -1; }, "--per-ip-concurrency: 0 (no limit) or more"},
      {[](ProbeSettings& s) { s.per_ip_rate = -0.5; }, "--per-ip-rate: 0 (no limit) or more"},
      {[](ProbeSettings& s) { s.retries = 6; }, "--retries: between 0 and 5"},
      {[](ProbeSettings& s) { s.retry_backoff = 61; }, "--retry-backoff: between 0 and 60 seconds"},
      {[](ProbeSettings& s) { s.dns_timeout = 0; }, "--dns-timeout: must be between 0 and 600 seconds"},
      {[](ProbeSettings& s) { s.connect_timeout = 601; }, "--connect-timeout: must be between 0 and 600 seconds"},
      {[](ProbeSettings& s) { s.handshake_timeout = -1; }, "--handshake-timeout: must be between 0 and 600 seconds"},
      {[](ProbeSettings& s) { s.read_timeout = 0; }, "--read-timeout: must be between 0 and 600 seconds"},
      // Two bad values: the first in the documented order is named.
      {[](ProbeSettings& s) { s.read_timeout = 0, s.concurrency = 0; }, "--concurrency: between 1 and 100000"},
  };
  for (const auto& [set, message] : cases) {
    ProbeSettings s;
    set(s);
    auto p = ProbeOptionsFrom(s);
    ASSERT_FALSE(p.ok()) << message;
    EXPECT_EQ(p.error().ToString(), message);
    EXPECT_EQ(p.error().kind, ErrorKind::kInvalidArgument);
  }
}

}  // namespace
}  // namespace trustready::fleet
