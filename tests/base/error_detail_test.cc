// The registry of Error detail ids outside the parsers (ErrorDetailIds(),
// base/error_detail.h) is a JSON contract: this table pins every id with
// its kind. A new failure adds a row; a row that must change means the id
// must not (add a new one). Every id literal of a registered family in
// src/ is registered (a typo at a call site cannot reach a user), every
// registered id is used, and an id written at a MakeError call goes with
// its registered kind.
#include <gtest/gtest.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "test_paths.h"
#include "trustready/base/error_detail.h"
#include "trustready/verify/verify.h"

namespace trustready {
namespace {

const std::map<std::string, std::string> kPinned = {
    {"io.not_found", "IO"},
    {"io.permission_denied", "IO"},
    {"io.is_directory", "IO"},
    {"io.not_regular_file", "IO"},
    {"io.too_large", "IO"},
    {"io.empty", "IO"},
    {"io.os_error", "IO"},
    {"store.format_unknown", "FORMAT"},
    {"store.container_image", "FORMAT"},
    {"store.chain_not_store", "FORMAT"},
    {"store.directory_no_certificate", "NOT_A_CERTIFICATE"},
    {"store.none_found", "IO"},
    {"store.name_unknown", "IO"},
    {"jks.truncated", "TRUNCATED"},
    {"jks.bad_magic", "FORMAT"},
    {"jks.version_unsupported", "FORMAT"},
    {"jks.certificate_type_unsupported", "UNSUPPORTED"},
    {"jks.secret_key_entry", "UNSUPPORTED"},
    {"jks.entry_tag_unknown", "FORMAT"},
    {"jks.trailing_data", "TRAILING_DATA"},
    {"jks.password_wrong", "BAD_PASSWORD"},
    {"pkcs12.invalid", "FORMAT"},
    {"pkcs12.trailing_data", "TRAILING_DATA"},
    {"pkcs12.password_wrong", "BAD_PASSWORD"},
    {"pkcs12.password_missing", "BAD_PASSWORD"},
    {"pkcs12.auth_safe_malformed", "FORMAT"},
    {"pkcs12.contents_password_wrong", "BAD_PASSWORD"},
    {"pkcs12.contents_encrypted", "FORMAT"},
    {"pkcs12.safe_contents_malformed", "FORMAT"},
    {"pkcs12.cert_bag_malformed", "FORMAT"},
    {"pkcs12.cert_encode_failed", "FORMAT"},
    {"certdata.syntax", "FORMAT"},
    {"certdata.begindata_missing", "FORMAT"},
    {"certdata.attribute_invalid", "FORMAT"},
    {"certdata.trust_without_issuer_serial", "FORMAT"},
    {"certdata.certificate_without_value", "FORMAT"},
    {"certdata.no_certificate", "NOT_A_CERTIFICATE"},
    {"nss.no_trusted_ca", "NOT_A_CERTIFICATE"},
    {"program.not_found", "IO"},
    {"program.failed", "IO"},
    {"program.timeout", "IO"},
    {"program.output_too_large", "IO"},
    {"program.spawn_failed", "IO"},
    {"client_store.unlisted", "UNSUPPORTED"},
    {"client_store.broken", "INVALID_ARGUMENT"},
    {"client_store.node_in_tree", "UNSUPPORTED"},
    {"client_store.platform_missing", "INVALID_ARGUMENT"},
    {"client_data.behavior_missing", "INVALID_ARGUMENT"},
    {"client_data.unknown_distrust_policy", "INVALID_ARGUMENT"},
    {"network.dns_nxdomain", "NETWORK"},
    {"network.dns_error", "NETWORK"},
    {"network.dns_timeout", "NETWORK"},
    {"network.refused", "NETWORK"},
    {"network.unreachable", "NETWORK"},
    {"network.connect_timeout", "NETWORK"},
    {"network.handshake_timeout", "NETWORK"},
    {"network.reset", "NETWORK"},
    {"network.closed", "NETWORK"},
    {"network.not_tls", "NETWORK"},
    {"network.tls_alert", "NETWORK"},
    {"network.tls_error", "NETWORK"},
    {"network.invalid_server_name", "NETWORK"},
    {"network.no_certificate", "NETWORK"},
    {"network.http_error", "NETWORK"},
    {"network.deadline", "NETWORK"},
};

const char kFamilies[] = "io|store|jks|pkcs12|certdata|nss|program|client_store|client_data|network";

TEST(ErrorDetail, RegistryMatchesThePinnedTable) {
  std::map<std::string, std::string> actual;
  for (const ErrorDetailInfo& d : ErrorDetailIds()) {
    EXPECT_TRUE(actual.emplace(std::string(d.id), std::string(ErrorKindName(d.kind))).second)
        << "registered twice: " << d.id;
    EXPECT_TRUE(std::regex_match(std::string(d.id), std::regex(std::string("^(") + kFamilies + ")\\.[a-z0-9_]+$")))
        << d.id << ": not of a registered family";
  }
  for (const auto& [id, kind] : kPinned) {
    auto it = actual.find(id);
    if (it == actual.end()) {
      ADD_FAILURE() << "detail id removed or renamed: " << id;
    } else {
      EXPECT_EQ(it->second, kind) << id << " moved to another kind";
    }
  }
  for (const auto& [id, kind] : actual) {
    EXPECT_TRUE(kPinned.count(id)) << "new detail id " << id << " (" << kind << "): pin it in this table";
  }
}

// The other registries' ids are not reused here (one id, one meaning).
TEST(ErrorDetail, NoIdIsAlsoAVerifyId) {
  std::set<std::string> verify;
  for (const VerifyDetailInfo& d : VerifyDetailIds()) verify.insert(std::string(d.id));
  for (const ErrorDetailInfo& d : ErrorDetailIds()) EXPECT_FALSE(verify.count(std::string(d.id))) << d.id;
}

TEST(ErrorDetail, EveryIdUsedInTheSourcesIsRegisteredWithItsKind) {
  std::map<std::string, std::string> registered;
  for (const ErrorDetailInfo& d : ErrorDetailIds()) registered[std::string(d.id)] = std::string(ErrorKindName(d.kind));
  const std::regex literal(std::string("\"((") + kFamilies + ")\\.[a-z0-9_]+)\"");
  // MakeError(ErrorKind::kX, "id", ...): the kind written next to the id.
  const std::regex at_call("MakeError\\(ErrorKind::k([A-Za-z]+),\\s*\"([a-z0-9_]+\\.[a-z0-9_]+)\"");
  const std::map<std::string, std::string> kind_of_enum = {
      {"Truncated", "TRUNCATED"}, {"Io", "IO"}, {"Format", "FORMAT"}, {"BadPassword", "BAD_PASSWORD"},
      {"Network", "NETWORK"}, {"InvalidArgument", "INVALID_ARGUMENT"}, {"Unsupported", "UNSUPPORTED"},
      {"TrailingData", "TRAILING_DATA"}, {"NotCertificate", "NOT_A_CERTIFICATE"}};
  std::set<std::string> used;
  int calls_checked = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(std::string(TR_SOURCE_DIR) + "/src")) {
    if (entry.path().extension() != ".cc") continue;
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    // The registry's own table is not a use; its errno mapping is.
    if (entry.path().filename() == "error_detail.cc") text = text.substr(text.find("std::string_view IoDetailOf"));
    const std::string file = entry.path().filename().string();
    for (std::sregex_iterator it(text.begin(), text.end(), literal), end; it != end; ++it) {
      const std::string id = (*it)[1];
      used.insert(id);
      EXPECT_TRUE(registered.count(id)) << file << " uses unregistered id " << id;
    }
    for (std::sregex_iterator it(text.begin(), text.end(), at_call), end; it != end; ++it) {
      const std::string id = (*it)[2];
      if (!registered.count(id)) continue;  // der.*, x509.*, ...: pinned elsewhere
      ++calls_checked;
      auto k = kind_of_enum.find((*it)[1]);
      ASSERT_NE(k, kind_of_enum.end()) << file << ": kind k" << (*it)[1] << " missing from this test's map";
      EXPECT_EQ(k->second, registered[id]) << file << ": " << id << " with kind k" << (*it)[1];
    }
  }
  EXPECT_GT(calls_checked, 40);
  for (const auto& [id, kind] : registered) EXPECT_TRUE(used.count(id)) << "registered but never used: " << id;
}

TEST(ErrorDetail, ErrnoValuesGetTheirIds) {
  EXPECT_EQ(IoDetailOf(ENOENT), "io.not_found");
  EXPECT_EQ(IoDetailOf(ENOTDIR), "io.not_found");
  EXPECT_EQ(IoDetailOf(EACCES), "io.permission_denied");
  EXPECT_EQ(IoDetailOf(EPERM), "io.permission_denied");
  EXPECT_EQ(IoDetailOf(EISDIR), "io.is_directory");
  EXPECT_EQ(IoDetailOf(EIO), "io.os_error");
  const Error e = IoError("/x", ENOENT);
  EXPECT_EQ(e.kind, ErrorKind::kIo);
  EXPECT_EQ(e.detail, "io.not_found");
  EXPECT_EQ(e.message, "/x: No such file or directory");
}

}  // namespace
}  // namespace trustready
