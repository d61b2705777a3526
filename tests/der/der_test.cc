// DER reader: every strictness rule in der.h has a case that must fail.
#include <gtest/gtest.h>

#include "trustready/der/parser.h"

namespace trustready::der {
namespace {

Result<Element> ReadOne(std::initializer_list<uint8_t> bytes, std::vector<uint8_t>* storage) {
  storage->assign(bytes);
  Parser p(Input(storage->data(), storage->size()));
  return p.ReadAny();
}

TEST(DerParser, ReadsShortAndLongLengths) {
  std::vector<uint8_t> s;
  auto e = ReadOne({0x04, 0x02, 0xaa, 0xbb}, &s);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->tag, kOctetString);
  EXPECT_EQ(e->value.size(), 2u);
  std::vector<uint8_t> big = {0x04, 0x81, 0x80};
  big.resize(3 + 0x80, 0x11);
  Parser p(Input(big.data(), big.size()));
  auto e2 = p.ReadAny();
  ASSERT_TRUE(e2.ok());
  EXPECT_EQ(e2->value.size(), 0x80u);
  EXPECT_FALSE(p.HasMore());
}

TEST(DerParser, RejectsIndefiniteLength) {
  std::vector<uint8_t> s;
  auto e = ReadOne({0x30, 0x80, 0x00, 0x00}, &s);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().kind, ErrorKind::kBadLength);
}

TEST(DerParser, RejectsNonMinimalLength) {
  std::vector<uint8_t> s;
  auto e = ReadOne({0x04, 0x81, 0x01, 0xaa}, &s);  // long form for 1
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().kind, ErrorKind::kBadLength);
  auto e2 = ReadOne({0x04, 0x82, 0x00, 0x81, 0xaa}, &s);  // leading zero
  ASSERT_FALSE(e2.ok());
  EXPECT_EQ(e2.error().kind, ErrorKind::kBadLength);
}

TEST(DerParser, RejectsTruncation) {
  std::vector<uint8_t> s;
  auto e = ReadOne({0x30, 0x05, 0x02, 0x01}, &s);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().kind, ErrorKind::kTruncated);
  EXPECT_EQ(e.error().offset, 0u);
  auto e2 = ReadOne({0x30}, &s);
  ASSERT_FALSE(e2.ok());
  EXPECT_EQ(e2.error().kind, ErrorKind::kTruncated);
}

TEST(DerParser, RejectsHighTagNumbers) {
  std::vector<uint8_t> s;
  auto e = ReadOne({0x1f, 0x81, 0x00, 0x00}, &s);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().kind, ErrorKind::kUnsupported);
}

TEST(DerParser, FinishReportsTrailingDataWithOffset) {
  const uint8_t bytes[] = {0x05, 0x00, 0x05, 0x00};
  Parser p{Input(bytes)};
  ASSERT_TRUE(p.Read(kNull, "first").ok());
  auto s = p.Finish("Thing");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, ErrorKind::kTrailingData);
  EXPECT_EQ(s.error().offset, 2u);
  EXPECT_NE(s.error().message.find("Thing"), std::string::npos);
}

TEST(DerParser, WrongTagNamesTheField) {
  const uint8_t bytes[] = {0x04, 0x00};
  Parser p{Input(bytes)};
  auto r = p.Read(kInteger, "TBSCertificate.serialNumber");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kBadTag);
  EXPECT_NE(r.error().message.find("serialNumber"), std::string::npos);
}

TEST(DerValues, IntegerMinimality) {
  const uint8_t ok1[] = {0x00, 0x80};
  const uint8_t bad1[] = {0x00, 0x7f};
  const uint8_t bad2[] = {0xff, 0x80};
  EXPECT_TRUE(CheckInteger(Input(ok1)).ok());
  EXPECT_EQ(CheckInteger(Input(bad1)).error().kind, ErrorKind::kNonMinimal);
  EXPECT_EQ(CheckInteger(Input(bad2)).error().kind, ErrorKind::kNonMinimal);
  EXPECT_FALSE(CheckInteger(Input()).ok());
  const uint8_t neg[] = {0xff};
  EXPECT_EQ(*ParseInt64(Input(neg)), -1);
  const uint8_t v[] = {0x01, 0x00};
  EXPECT_EQ(*ParseInt64(Input(v)), 256);
}

TEST(DerValues, BooleanMustBeCanonical) {
  const uint8_t t[] = {0xff}, f[] = {0x00}, bad[] = {0x01};
  EXPECT_TRUE(*ParseBoolean(Input(t)));
  EXPECT_FALSE(*ParseBoolean(Input(f)));
  EXPECT_FALSE(ParseBoolean(Input(bad)).ok());
}

TEST(DerValues, BitStringPaddingMustBeZero) {
  const uint8_t ok[] = {0x07, 0x80};
  auto bs = ParseBitString(Input(ok));
  ASSERT_TRUE(bs.ok());
  EXPECT_TRUE(bs->IsSet(0));
  EXPECT_FALSE(bs->IsSet(1));
  const uint8_t bad[] = {0x07, 0x81};
  EXPECT_FALSE(ParseBitString(Input(bad)).ok());
  const uint8_t bad_unused[] = {0x08, 0x00};
  EXPECT_FALSE(ParseBitString(Input(bad_unused)).ok());
}

TEST(DerValues, OidTextAndMinimality) {
  const uint8_t sha256rsa[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b};
  EXPECT_EQ(OidToString(Input(sha256rsa)), "1.2.840.113549.1.1.11");
  EXPECT_TRUE(CheckOid(Input(sha256rsa)).ok());
  const uint8_t nonmin[] = {0x2a, 0x80, 0x01};
  EXPECT_FALSE(CheckOid(Input(nonmin)).ok());
  const uint8_t trunc[] = {0x2a, 0x86};
  EXPECT_FALSE(CheckOid(Input(trunc)).ok());
}

std::vector<uint8_t> Nested(int depth) {
  std::vector<uint8_t> v = {0x05, 0x00};
  for (int i = 0; i < depth; ++i) {
    std::vector<uint8_t> w = {0x30};
    if (v.size() >= 128) w.push_back(0x81);
    w.push_back(static_cast<uint8_t>(v.size()));
    w.insert(w.end(), v.begin(), v.end());
    v = std::move(w);
  }
  return v;
}

TEST(DerTree, NestingLimit) {
  const auto shallow = Nested(10);
  EXPECT_TRUE(ValidateTree(Input(shallow.data(), shallow.size())).ok());
  const auto deep = Nested(70);
  auto s = ValidateTree(Input(deep.data(), deep.size()));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, ErrorKind::kTooDeep);
}

TEST(DerHex, Formats) {
  const uint8_t b[] = {0x8e, 0xcd, 0x01};
  EXPECT_EQ(Hex(Input(b)), "8ecd01");
  EXPECT_EQ(HexColon(Input(b)), "8E:CD:01");
}

}  // namespace
}  // namespace trustready::der
