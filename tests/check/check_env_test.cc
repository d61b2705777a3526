// `check --env FILE` / `--pid PID`: resolved by check::Run itself, first of
// all its inputs (an unusable environment is named before a bad profile),
// and the environment's stores judged with who uses them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "test_paths.h"
#include "trustready/check/check.h"

namespace trustready {
namespace {

TEST(CheckEnv, TheEnvironmentIsTheFirstInput) {
  CheckRequest r;
  r.env_file = "/nonexistent/env";
  r.profile = "no-such-profile";
  auto run = check::Run(r);
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.error().ToString().rfind("--env /nonexistent/env: ", 0), 0u) << run.error().ToString();
  r.env_file.clear();
  r.pid = -5;
  run = check::Run(r);
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.error().ToString().rfind("--pid", 0), 0u) << run.error().ToString();
}

TEST(CheckEnv, TheEnvironmentsStoreIsJudged) {
  const std::string env = ::testing::TempDir() + "/check_env_test.env";
  const std::string bundle = ::testing::TempDir() + "/check_env_bundle.cer";
  std::filesystem::copy_file(std::string(TR_SHARED_DATA) + "/amazon-trust-services/AmazonRootCA1.cer", bundle,
                             std::filesystem::copy_options::overwrite_existing);
  std::ofstream(env) << "REQUESTS_CA_BUNDLE=" << bundle << "\n";
  CheckRequest r;
  r.env_file = env;
  r.client = "python-requests";
  auto run = check::Run(r);
  ASSERT_TRUE(run.ok()) << run.error().ToString();
  bool found = false;
  for (const auto& s : run->stores) found = found || s.store.find(bundle) != std::string::npos;
  EXPECT_TRUE(found) << "the bundle REQUESTS_CA_BUNDLE names is judged";
}

}  // namespace
}  // namespace trustready
