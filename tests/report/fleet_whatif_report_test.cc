// fleet::Whatif and its rendering (report/fleet_whatif_report) without the
// binary: a fleet of chain-file targets built from real Amazon Trust
// Services certificates (../shared/data) is scanned into a SQLite database,
// and every answer is held against what plan (Plan) and check (CheckTarget,
// CheckStoreReadiness) say for each stored chain alone, and every document
// against docs/schemas/fleet-whatif.schema.json.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "lib/json_schema.h"
#include "test_paths.h"
#include "trustready/check/check.h"
#include "trustready/fleet/fleet.h"
#include "trustready/fleet/whatif.h"
#include "trustready/plan/plan.h"
#include "trustready/report/fleet_observation_report.h"
#include "trustready/report/fleet_whatif_report.h"
#include "trustready/store/store_open.h"
#include "trustready/x509/pem.h"

namespace trustready::fleet {
namespace {

const std::string kAts = std::string(TR_SHARED_DATA) + "/amazon-trust-services/";

const testing::JsonSchema& Schema() {
  static const testing::JsonSchema s =
      testing::JsonSchema::Load(std::string(TR_SOURCE_DIR) + "/docs/schemas/fleet-whatif.schema.json");
  return s;
}

std::string Joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + "\n";
  return s;
}

std::vector<CertificatePtr> Load(const std::vector<std::string>& files) {
  std::vector<CertificatePtr> out;
  for (const auto& f : files) {
    auto c = LoadCertificatesFromFile(kAts + f);
    EXPECT_TRUE(c.ok()) << f;
    if (c.ok()) out.insert(out.end(), c->begin(), c->end());
  }
  return out;
}

class FleetWhatifTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("tr-whatif-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    // Today: one endpoint serves leaf + Amazon RSA 2048 M03 (to Amazon Root
    // CA 1), one also sends Amazon Root CA 1 cross-signed by Starfield (what
    // old clients need), one serves the leaf alone (trusted nowhere: already
    // broken), one names a chain file that is not there (not judged).
    direct_ = Load({"valid.rootca1.demo.amazontrust.com.cer", "r2m03.cer"});
    cross_ = Load({"valid.rootca1.demo.amazontrust.com.cer", "r2m03.cer", "rootca1.cer"});
    Write("direct.pem", direct_);
    Write("cross.pem", cross_);
    Write("leaf.pem", Load({"valid.rootca1.demo.amazontrust.com.cer"}));
    std::ofstream(dir_ / "targets.txt") << (dir_ / "direct.pem").string() << " owner=a\n"
                                        << (dir_ / "cross.pem").string() << " owner=b\n"
                                        << (dir_ / "leaf.pem").string() << " owner=c\n";
    db_ = (dir_ / "fleet.db").string();
    Scan((dir_ / "targets.txt").string(), db_, "run-1");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void Write(const std::string& name, const std::vector<CertificatePtr>& chain) {
    std::ofstream out(dir_ / name);
    for (const auto& c : chain) out << EncodePem("CERTIFICATE", c->der());
  }

  void Scan(const std::string& targets, const std::string& db, const std::string& run_id) {
    ScanOptions o;
    o.targets_path = targets;
    o.out_db = db;
    o.run_id = run_id;
    o.judged_at = at_;
    auto root = LoadCertificatesFromFile(kAts + "AmazonRootCA1.cer");
    ASSERT_TRUE(root.ok());
    TrustStore s("root1", StoreFormat::kPem, "");
    s.Add({root->front(), {}, "root1"});
    std::vector<CheckedStore> stores = {DescribeStore(std::move(s), nullptr)};
    TargetCheckOptions judge;
    judge.fetch_aia = false;
    auto summary = RunScan(o, MigrationProfile{}, stores, judge);
    ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  }

  WhatifOptions Options(WhatifMode mode) const {
    WhatifOptions o;
    o.db_path = db_;
    o.mode = mode;
    o.at = at_;
    o.platforms = "android:all,mozilla:latest";
    return o;
  }

  std::filesystem::path dir_;
  std::string db_;
  UnixTime at_ = *ParseRfc3339("2025-03-01T00:00:00Z");
  std::vector<CertificatePtr> direct_, cross_;
};

std::set<std::string> BreakNames(const WhatifEndpoint& e) {
  std::set<std::string> out;
  for (const auto& b : e.breaks) out.insert(b.snapshot);
  return out;
}

TEST_F(FleetWhatifTest, NewChainBreaksExactlyWherePlanSaysForEachStoredChain) {
  // Serving leaf + M03 everywhere: the cross-signed endpoint loses the old
  // Android versions that trust Starfield only; the direct one loses nothing.
  WhatifOptions o = Options(WhatifMode::kNewChain);
  o.new_chain = direct_;
  auto r = Whatif(o);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->endpoints, 3u);
  EXPECT_EQ(r->judged, 3u);
  EXPECT_EQ(r->chains, 3u);
  // The leaf alone is trusted only where clients fetch what it lacks (plan
  // lets the certificates of the new chain stand in for AIA): never by the
  // Android versions, and it is not reported as breaking.
  EXPECT_LE(r->already_broken, 1u);
  ASSERT_EQ(r->breaking.size(), 1u);
  EXPECT_NE(r->breaking[0].target.find("cross.pem"), std::string::npos);
  EXPECT_EQ(r->breaking[0].labels.at("owner"), "b");
  EXPECT_EQ(r->Verdict(), "breaks");

  // The oracle: Plan(CUR, X) for each stored chain.
  PlanOptions po;
  po.at = at_;
  po.platforms = o.platforms;
  for (const auto& cur : {direct_, cross_}) {
    auto plan = Plan(cur, direct_, {}, po);
    ASSERT_TRUE(plan.ok());
    std::set<std::string> want;
    for (const auto* s : plan->breaking) want.insert(s->name);
    std::set<std::string> got;
    for (const auto& e : r->breaking) {
      if (e.chain.size() == cur.size()) got = BreakNames(e);
    }
    EXPECT_EQ(got, want) << cur.size() << " certificates";
    if (cur.size() == 3) {
      EXPECT_FALSE(want.empty()) << "the oracle must have something to compare";
    }
  }
  for (const auto& b : r->breaking[0].breaks) EXPECT_EQ(b.platform, "android") << b.snapshot;

  nlohmann::json j = FleetWhatifToJson(*r);
  EXPECT_EQ(Joined(Schema().Validate(j)), "");
  EXPECT_EQ(j["verdict"], "breaks");
  EXPECT_EQ(j["question"]["mode"], "new-chain");
  EXPECT_EQ(j["counts"]["breaking"], 1);
  std::string text = FleetWhatifToText(*r);
  EXPECT_NE(text.find("Verdict: 1 endpoints BREAK"), std::string::npos) << text;
  EXPECT_EQ(text.find("\x1b["), std::string::npos);

  // Serving the cross-signed chain breaks nothing, and every endpoint was
  // judged: the one answer that exits 0.
  o.new_chain = cross_;
  auto none = Whatif(o);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->breaking.empty());
  EXPECT_EQ(none->Verdict(), "no_breaks");
  EXPECT_EQ(Joined(Schema().Validate(FleetWhatifToJson(*none))), "");
}

TEST_F(FleetWhatifTest, AtDateListsWhatCheckSaysLosesTrust) {
  // The leaf expires on 2025-04-30: by June every endpoint trusted in March
  // has lost every snapshot that trusted it, with EXPIRED; in April none.
  WhatifOptions o = Options(WhatifMode::kAt);
  o.at = *ParseRfc3339("2025-06-01T00:00:00Z");
  auto r = Whatif(o);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->run_judged_at, at_);
  ASSERT_EQ(r->breaking.size(), 2u);
  // The oracle: check's CheckTarget per snapshot store, at both times.
  auto stores = OpenPlatformStores(o.platforms);
  ASSERT_TRUE(stores.ok());
  std::vector<CheckedStore> cs;
  for (auto& s : *stores) cs.push_back(DescribeStore(std::move(s), nullptr));
  for (const auto& e : r->breaking) {
    const auto& chain = e.chain.size() == 2 ? direct_ : cross_;
    TargetInput in;
    in.chain = chain;
    TargetCheckOptions to;
    to.fetch_aia = false;
    to.check.time = at_;
    TargetCheck then = CheckTarget(in, MigrationProfile{}, cs, to);
    std::set<std::string> want;
    for (const auto& v : then.stores) {
      if (v.trusted) want.insert(v.store);
    }
    EXPECT_EQ(BreakNames(e), want) << e.target;
    for (const auto& b : e.breaks) EXPECT_EQ(b.reason, "EXPIRED");
  }
  EXPECT_EQ(Joined(Schema().Validate(FleetWhatifToJson(*r))), "");

  o.at = *ParseRfc3339("2025-04-01T00:00:00Z");
  auto april = Whatif(o);
  ASSERT_TRUE(april.ok());
  EXPECT_TRUE(april->breaking.empty());
  EXPECT_EQ(april->Verdict(), "no_breaks");
}

TEST_F(FleetWhatifTest, ProfileBreaksWhereTheSnapshotIsNotReady) {
  WhatifOptions o = Options(WhatifMode::kProfile);
  // Let's Encrypt (ISRG Root X1): Android before 7.1 lacks it, so those
  // versions are not ready, and what they trust today breaks there.
  auto p = LoadProfile("lets-encrypt");
  ASSERT_TRUE(p.ok());
  o.profile = *p;
  auto r = Whatif(o);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  // The oracle: readiness of each snapshot, as `check --store SNAPSHOT`.
  auto stores = OpenPlatformStores(o.platforms);
  ASSERT_TRUE(stores.ok());
  std::set<std::string> not_ready;
  CheckOptions co;
  co.time = at_;
  for (auto& s : *stores) {
    CheckedStore c = DescribeStore(std::move(s), nullptr);
    if (CheckStoreReadiness(*p, c, co).state != StoreState::kReady) not_ready.insert(c.store.name());
  }
  EXPECT_EQ(std::set<std::string>(r->not_ready.begin(), r->not_ready.end()), not_ready);
  EXPECT_FALSE(not_ready.empty());
  // Only the cross-signed chain reaches the old Android versions (through
  // Starfield); the direct one is trusted only where ISRG Root X1 is too.
  ASSERT_EQ(r->breaking.size(), 1u);
  EXPECT_NE(r->breaking[0].target.find("cross.pem"), std::string::npos);
  for (const auto& e : r->breaking) {
    for (const auto& b : e.breaks) EXPECT_TRUE(not_ready.count(b.snapshot)) << b.snapshot;
    // Exactly the not-ready snapshots that plan says trust the chain today.
    PlanOptions po;
    po.at = at_;
    po.platforms = o.platforms;
    const auto& chain = e.chain.size() == 2 ? direct_ : cross_;
    auto plan = Plan(chain, chain, {}, po);
    ASSERT_TRUE(plan.ok());
    std::set<std::string> want;
    for (const auto& c : plan->old_chain.cells) {
      if (c.trusted && not_ready.count(c.snapshot->name)) want.insert(c.snapshot->name);
    }
    EXPECT_EQ(BreakNames(e), want) << e.target;
  }
  EXPECT_EQ(Joined(Schema().Validate(FleetWhatifToJson(*r))), "");
}

TEST_F(FleetWhatifTest, AnEndpointWithoutAStoredChainMakesTheAnswerUnknown) {
  // A run where one target could not be read: nothing judged breaks, but the
  // answer is not "nothing breaks".
  std::ofstream(dir_ / "t2.txt") << (dir_ / "cross.pem").string() << "\n" << (dir_ / "gone.pem").string() << "\n";
  std::ofstream(dir_ / "gone.pem") << "not a certificate\n";
  const std::string db2 = (dir_ / "two.db").string();
  Scan((dir_ / "t2.txt").string(), db2, "run-2");
  WhatifOptions o = Options(WhatifMode::kNewChain);
  o.db_path = db2;
  o.new_chain = cross_;
  auto r = Whatif(o);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_TRUE(r->breaking.empty());
  ASSERT_EQ(r->not_judged.size(), 1u);
  EXPECT_EQ(r->Verdict(), "unknown");
  nlohmann::json j = FleetWhatifToJson(*r);
  EXPECT_EQ(Joined(Schema().Validate(j)), "");
  EXPECT_EQ(j["verdict"], "unknown");
  EXPECT_NE(FleetWhatifToText(*r).find("Verdict: UNKNOWN"), std::string::npos);

  // Bad input is an error naming it.
  o.db_path = (dir_ / "nope.db").string();
  auto missing = Whatif(o);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("nope.db"), std::string::npos);
  o.db_path = db2;
  o.platforms = "android:99.9";
  EXPECT_FALSE(Whatif(o).ok());
}

// `fleet export` (and `fleet scan --jsonl`, the same objects): every
// observation of a scan against docs/schemas/fleet-observation.schema.json,
// the judged chains and a chain file that holds no certificate (an
// observation with its error) alike.
TEST_F(FleetWhatifTest, ExportedObservationsFollowTheirSchema) {
  static const testing::JsonSchema observation =
      testing::JsonSchema::Load(std::string(TR_SOURCE_DIR) + "/docs/schemas/fleet-observation.schema.json");
  std::ofstream(dir_ / "t3.txt") << (dir_ / "cross.pem").string() << " owner=b\n" << (dir_ / "gone.pem").string() << "\n";
  std::ofstream(dir_ / "gone.pem") << "not a certificate\n";
  const std::string db3 = (dir_ / "three.db").string();
  Scan((dir_ / "t3.txt").string(), db3, "run-3");
  for (const std::string& db : {db_, db3}) {
    std::ostringstream out;
    ASSERT_TRUE(ReadStoredObservations(db, "latest", [&](const auto& r) { out << FleetObservationToJsonLine(r); }).ok())
        << db;
    std::istringstream lines(out.str());
    std::string line;
    int n = 0, errors = 0;
    while (std::getline(lines, line)) {
      ++n;
      const auto doc = nlohmann::json::parse(line, nullptr, false);
      ASSERT_FALSE(doc.is_discarded()) << line;
      EXPECT_EQ(Joined(observation.Validate(doc)), "") << line;
      errors += doc["error"].is_string();
    }
    EXPECT_EQ(n, db == db_ ? 3 : 2) << out.str();
    EXPECT_EQ(errors, db == db3 ? 1 : 0) << out.str();
  }
  // The checker can fail on this schema: a status outside its enum.
  std::ostringstream out;
  ASSERT_TRUE(ReadStoredObservations(db_, "latest", [&](const auto& r) { out << FleetObservationToJsonLine(r); }).ok());
  auto doc = nlohmann::json::parse(out.str().substr(0, out.str().find('\n')));
  doc["schema"] = "trustready.fleet.observation/0";
  EXPECT_NE(Joined(observation.Validate(doc)), "");
}

}  // namespace
}  // namespace trustready::fleet
