// Detail ids of the DER reader's errors (result.h "Detail ids"): a table of
// inputs, one per distinct failure, with the id each must give. The table
// is the stability contract: an id changed here is a JSON contract broken,
// so a failing row means "add a new id", not "edit the row". Distinct
// failures give distinct ids (the two spellings of a non-minimal length are
// one rule of X.690 10.1 and share theirs, checked separately).
#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "trustready/der/parser.h"

namespace trustready {
namespace {

using Bytes = std::vector<uint8_t>;

Error ReadAnyError(const Bytes& b) {
  der::Parser p(der::Input(b.data(), b.size()));
  auto r = p.ReadAny();
  EXPECT_FALSE(r.ok());
  return r.ok() ? Error{} : r.error();
}

template <typename T>
Error ErrorOf(const Result<T>& r) {
  EXPECT_FALSE(r.ok());
  return r.ok() ? Error{} : r.error();
}
Error ErrorOf(const Status& s) {
  EXPECT_FALSE(s.ok());
  return s.ok() ? Error{} : s.error();
}

der::Input In(const Bytes& b) { return der::Input(b.data(), b.size()); }

struct Row {
  const char* id;
  ErrorKind kind;
  std::function<Error()> make;
};

std::vector<Row> Table() {
  static const Bytes kLong = [] {
    Bytes b = {0x04, 0x84, 0x01, 0x00, 0x00, 0x01};  // 16 MiB + 1
    return b;
  }();
  static const Bytes kDeep = [] {
    Bytes b;
    for (int i = 0; i < 70; ++i) {
      Bytes header = {0x30};
      if (b.size() < 0x80) {
        header.push_back(static_cast<uint8_t>(b.size()));
      } else {
        header.insert(header.end(), {0x81, static_cast<uint8_t>(b.size())});
      }
      b.insert(b.begin(), header.begin(), header.end());
    }
    return b;
  }();
  return {
      {"der.input_ended", ErrorKind::kTruncated, [] { return ReadAnyError({}); }},
      {"der.tag_high_number", ErrorKind::kUnsupported, [] { return ReadAnyError({0x1f, 0x01, 0x00}); }},
      {"der.length_missing", ErrorKind::kTruncated, [] { return ReadAnyError({0x30}); }},
      {"der.length_indefinite", ErrorKind::kBadLength, [] { return ReadAnyError({0x30, 0x80, 0x00, 0x00}); }},
      {"der.length_too_many_octets", ErrorKind::kBadLength,
       [] { return ReadAnyError({0x04, 0x85, 0x00, 0x00, 0x00, 0x00, 0x01}); }},
      {"der.length_truncated", ErrorKind::kTruncated, [] { return ReadAnyError({0x04, 0x82, 0x01}); }},
      {"der.length_non_minimal", ErrorKind::kBadLength, [] { return ReadAnyError({0x04, 0x81, 0x05, 1, 2, 3, 4, 5}); }},
      {"der.length_over_limit", ErrorKind::kBadLength, [] { return ReadAnyError(kLong); }},
      {"der.value_truncated", ErrorKind::kTruncated, [] { return ReadAnyError({0x04, 0x05, 0x01}); }},
      {"der.element_missing", ErrorKind::kTruncated,
       [] {
         der::Parser p(der::Input{});
         return ErrorOf(p.Read(der::kSequence, "Thing"));
       }},
      {"der.tag_unexpected", ErrorKind::kBadTag,
       [] {
         static const Bytes b = {0x02, 0x01, 0x00};
         der::Parser p(In(b));
         return ErrorOf(p.Read(der::kSequence, "Thing"));
       }},
      {"der.trailing_data", ErrorKind::kTrailingData,
       [] {
         static const Bytes b = {0x05, 0x00, 0x05, 0x00};
         der::Parser p(In(b));
         EXPECT_TRUE(p.ReadAny().ok());
         return ErrorOf(p.Finish("Thing"));
       }},
      {"der.boolean_length", ErrorKind::kBadValue, [] { return ErrorOf(der::ParseBoolean(In({0xff, 0xff}))); }},
      {"der.boolean_non_canonical", ErrorKind::kBadValue, [] { return ErrorOf(der::ParseBoolean(In({0x01}))); }},
      {"der.integer_empty", ErrorKind::kBadValue, [] { return ErrorOf(der::CheckInteger(In({}))); }},
      {"der.integer_non_minimal", ErrorKind::kNonMinimal, [] { return ErrorOf(der::CheckInteger(In({0x00, 0x01}))); }},
      {"der.integer_too_large", ErrorKind::kUnsupported,
       [] { return ErrorOf(der::ParseInt64(In({0x01, 0, 0, 0, 0, 0, 0, 0, 0}))); }},
      {"der.bit_string_empty", ErrorKind::kBadValue, [] { return ErrorOf(der::ParseBitString(In({}))); }},
      {"der.bit_string_unused_count", ErrorKind::kBadValue, [] { return ErrorOf(der::ParseBitString(In({0x08, 0x00}))); }},
      {"der.bit_string_empty_with_unused", ErrorKind::kBadValue, [] { return ErrorOf(der::ParseBitString(In({0x01}))); }},
      {"der.bit_string_unused_nonzero", ErrorKind::kBadValue,
       [] { return ErrorOf(der::ParseBitString(In({0x01, 0x01}))); }},
      {"der.oid_empty", ErrorKind::kBadValue, [] { return ErrorOf(der::CheckOid(In({}))); }},
      {"der.oid_too_long", ErrorKind::kBadValue, [] { return ErrorOf(der::CheckOid(In(Bytes(129, 0x01)))); }},
      {"der.oid_non_minimal", ErrorKind::kNonMinimal, [] { return ErrorOf(der::CheckOid(In({0x2a, 0x80, 0x01}))); }},
      {"der.oid_truncated", ErrorKind::kTruncated, [] { return ErrorOf(der::CheckOid(In({0x2a, 0x86}))); }},
      {"der.oid_text_invalid", ErrorKind::kBadValue, [] { return ErrorOf(der::OidFromString("1.2.x")); }},
      {"der.too_deep", ErrorKind::kTooDeep, [] { return ErrorOf(der::ValidateTree(In(kDeep))); }},
  };
}

TEST(DerDetail, EachFailureHasItsStableId) {
  for (const Row& r : Table()) {
    Error e = r.make();
    EXPECT_EQ(e.detail, r.id) << e.message;
    EXPECT_EQ(ErrorKindName(e.kind), ErrorKindName(r.kind)) << r.id << ": " << e.message;
    EXPECT_EQ(e.severity, Severity::kError) << r.id;
    EXPECT_FALSE(e.message.empty()) << r.id;
  }
}

TEST(DerDetail, DistinctFailuresHaveDistinctIds) {
  std::set<std::string> ids;
  for (const Row& r : Table()) EXPECT_TRUE(ids.insert(r.id).second) << "id used twice: " << r.id;
  // The long form for a length under 128 is the other spelling of the same
  // rule as a leading zero octet.
  EXPECT_EQ(ReadAnyError({0x04, 0x82, 0x00, 0x05, 1, 2, 3, 4, 5}).detail, "der.length_non_minimal");
}

TEST(DerDetail, ContextIsAddedWithoutLosingTheId) {
  // ReadElement names the field and keeps the reader's id and offset.
  static const Bytes b = {0x30, 0x80, 0x00, 0x00};
  der::Parser p(In(b));
  auto r = p.ReadSequence("TBSCertificate");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().detail, "der.length_indefinite");
  EXPECT_EQ(r.error().message.rfind("TBSCertificate: ", 0), 0u) << r.error().message;
  Error wrapped = WithContext(r.error(), "cert.pem");
  EXPECT_EQ(wrapped.detail, "der.length_indefinite");
  EXPECT_EQ(wrapped.offset, r.error().offset);
  EXPECT_EQ(wrapped.message.rfind("cert.pem: TBSCertificate: ", 0), 0u);
  EXPECT_EQ(SeverityName(Severity::kError), "error");
  EXPECT_EQ(SeverityName(Severity::kWarning), "warning");
}

}  // namespace
}  // namespace trustready
