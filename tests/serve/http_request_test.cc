// The site's HTTP/1.1 request-head parser (RFC 9112), case by case.
#include "serve/http_request.h"

#include <gtest/gtest.h>

namespace trustready::serve {
namespace {

HttpParseResult Parse(std::string_view s, HttpRequest* r, size_t limit = 8192) {
  HttpParseLimits l;
  l.max_header_bytes = limit;
  return ParseHttpRequest(s, l, r);
}

TEST(HttpRequest, CompleteGet) {
  HttpRequest r;
  const std::string head =
      "GET /test.jpg?x=1 HTTP/1.1\r\nHost: new-chain.trustready.test:8443\r\n"
      "User-Agent: curl/7.88\r\nAccept: */*\r\n\r\n";
  auto res = Parse(head + "GET / HTTP/1.1\r\n", &r);
  ASSERT_EQ(res.state, HttpParseState::kComplete) << res.reason;
  EXPECT_EQ(res.consumed, head.size());
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.target, "/test.jpg?x=1");
  EXPECT_EQ(r.path, "/test.jpg");
  EXPECT_EQ(r.minor_version, 1);
  EXPECT_EQ(r.host, "new-chain.trustready.test:8443");
  EXPECT_EQ(r.Field("user-agent"), "curl/7.88");
  EXPECT_TRUE(r.keep_alive);
  EXPECT_FALSE(r.has_body);
}

TEST(HttpRequest, KeepAliveRules) {
  HttpRequest r;
  ASSERT_EQ(Parse("GET / HTTP/1.1\r\nHost: a\r\nConnection: Keep-Alive, CLOSE\r\n\r\n", &r).state,
            HttpParseState::kComplete);
  EXPECT_FALSE(r.keep_alive);
  ASSERT_EQ(Parse("GET / HTTP/1.0\r\n\r\n", &r).state, HttpParseState::kComplete);
  EXPECT_FALSE(r.keep_alive);  // HTTP/1.0 without Host is fine, not persistent
  ASSERT_EQ(Parse("HEAD / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", &r).state,
            HttpParseState::kComplete);
  EXPECT_TRUE(r.keep_alive);
  ASSERT_EQ(Parse("\r\nGET / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n", &r).state,
            HttpParseState::kComplete);  // one leading empty line is ignored (RFC 9112 2.2)
  EXPECT_TRUE(r.has_body);
}

TEST(HttpRequest, Incomplete) {
  HttpRequest r;
  for (const char* s : {"", "G", "GET / HTTP/1.1\r\n", "GET / HTTP/1.1\r\nHost: a\r\n\r"}) {
    EXPECT_EQ(Parse(s, &r).state, HttpParseState::kIncomplete) << s;
  }
}

TEST(HttpRequest, Rejections) {
  struct Case {
    std::string text;
    int status;
  };
  const Case cases[] = {
      {"GET / HTTP/1.1\r\n\r\n", 400},                               // no Host in 1.1
      {"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400},         // two Hosts
      {"GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505},
      {"GET / HTTP/1.2\r\nHost: a\r\n\r\n", 505},
      {"GET / HTTX/1.1\r\nHost: a\r\n\r\n", 400},
      {"GET http://a/ HTTP/1.1\r\nHost: a\r\n\r\n", 400},            // absolute-form
      {"GET  / HTTP/1.1\r\nHost: a\r\n\r\n", 400},                   // double space
      {"GET / HTTP/1.1 \r\nHost: a\r\n\r\n", 400},
      {"G(T / HTTP/1.1\r\nHost: a\r\n\r\n", 400},
      {"GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400},                   // space before ':'
      {"GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", 400},         // obs-fold
      {"GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n", 400},
      {"GET / HTTP/1.1\r\nHost: a\x01\r\n\r\n", 400},
      {"GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1x\r\n\r\n", 400},
      {"GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n", 400},
      {"GET / HTTP/1.1\nHost: a\n\n", 400},                          // bare LF
      {"\x16\x03\x01\x02\x00\x01", 400},                             // TLS to the plain side
      {"GET /\x7f HTTP/1.1\r\nHost: a\r\n\r\n", 400},
  };
  for (const auto& c : cases) {
    HttpRequest r;
    auto res = Parse(c.text, &r);
    EXPECT_EQ(res.state, HttpParseState::kBad) << c.text;
    EXPECT_EQ(res.status, c.status) << c.text << ": " << res.reason;
    EXPECT_FALSE(res.reason.empty());
  }
}

TEST(HttpRequest, Limits) {
  HttpRequest r;
  std::string big = "GET / HTTP/1.1\r\nHost: a\r\nX: " + std::string(200, 'a');
  EXPECT_EQ(Parse(big, &r, 100).state, HttpParseState::kBad);
  EXPECT_EQ(Parse(big, &r, 100).status, 431);
  EXPECT_EQ(Parse(big + "\r\n\r\n", &r, 100).status, 431);
  EXPECT_EQ(Parse(big + "\r\n\r\n", &r, 1000).state, HttpParseState::kComplete);
  std::string many = "GET / HTTP/1.1\r\nHost: a\r\n";
  for (int i = 0; i < 70; ++i) many += "X" + std::to_string(i) + ": v\r\n";
  auto res = Parse(many + "\r\n", &r);
  EXPECT_EQ(res.state, HttpParseState::kBad);
  EXPECT_EQ(res.status, 431);
}

}  // namespace
}  // namespace trustready::serve
