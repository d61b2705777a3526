// Direct tests of src/verify/path_builder.cc through VerifyChain, on
// certificates generated here (cert_builder.h): the order candidates are
// tried in, cross-signed hierarchies, cycles, duplicates, each PathBudget
// limit (signature checks, builder steps, depth, paths, the deadline) with
// its detail id, signature failures and unknown issuers.
#include <gtest/gtest.h>

#include <chrono>
#include <set>

#include "verify/cert_builder.h"

namespace trustready {
namespace {

using test_pki::Ca;
using test_pki::Issued;
using test_pki::Leaf;
using test_pki::StoreOf;

VerifyOptions Opts() { return test_pki::TestOptions(); }

std::vector<std::string> Names(const VerifiedPath& p) {
  std::vector<std::string> out;
  for (const CertificatePtr& c : p.certificates) out.push_back(c->DisplayName());
  return out;
}

std::string Detail(const VerifyResult& r) {
  return std::string(VerifyErrorCodeName(r.most_specific.code)) + "/" + std::string(r.most_specific.detail);
}

TEST(PathBuilder, FindsThePathThroughThePool) {
  Issued root = Ca("Root").SelfSigned();
  Issued ica = Ca("ICA").IssuedBy(root);
  Issued leaf = Leaf().IssuedBy(ica);
  VerifyResult r = VerifyChain(leaf.cert, {ica.cert}, StoreOf({&root}), Opts());
  ASSERT_TRUE(r.trusted);
  ASSERT_EQ(r.paths.size(), 1u);
  EXPECT_EQ(Names(r.paths[0]), (std::vector<std::string>{"leaf.example.com", "ICA", "Root"}));
  EXPECT_EQ(r.signature_checks, 2);
  test_pki::Codes(r.paths[0].errors);
}

TEST(PathBuilder, UnknownIssuerNamesWhatIsMissing) {
  Issued root = Ca("Root").SelfSigned();
  Issued ica = Ca("ICA").IssuedBy(root);
  Issued leaf = Leaf().IssuedBy(ica);
  VerifyResult r = VerifyChain(leaf.cert, {}, StoreOf({&root}), Opts());
  EXPECT_FALSE(r.trusted);
  EXPECT_EQ(Detail(r), "UNKNOWN_ISSUER/issuer.not_found");
  EXPECT_NE(r.most_specific.message.find("ICA"), std::string::npos) << r.most_specific.message;
  ASSERT_EQ(r.paths.size(), 1u);
  EXPECT_FALSE(r.paths[0].complete);
}

// 6.1.3 (a)(1): edges are only followed through issuers that signed.
TEST(PathBuilder, WrongSignatureIsADeadEnd) {
  Issued root = Ca("Root").SelfSigned();
  Issued ica = Ca("ICA").IssuedByWithKey(root, test_pki::NewKey());
  Issued leaf = Leaf().IssuedBy(ica);
  VerifyResult r = VerifyChain(leaf.cert, {ica.cert}, StoreOf({&root}), Opts());
  EXPECT_FALSE(r.trusted);
  EXPECT_EQ(Detail(r), "BAD_SIGNATURE/signature.invalid");
  EXPECT_EQ(r.most_specific.certificate, 1);
  // The leaf's own signature by a wrong intermediate key.
  Issued ica2 = Ca("ICA").IssuedBy(root);  // same name, another key
  r = VerifyChain(leaf.cert, {ica2.cert}, StoreOf({&root}), Opts());
  EXPECT_FALSE(r.trusted);
  EXPECT_EQ(Detail(r), "BAD_SIGNATURE/signature.invalid");
  EXPECT_EQ(r.most_specific.certificate, 0);
}

// Go and Chromium try the issuer whose subjectKeyIdentifier equals the
// child's authorityKeyIdentifier first: with one path wanted, the decoy
// (same name, other key) is never checked.
TEST(PathBuilder, CandidateWithMatchingKeyIdentifierFirst) {
  Issued root = Ca("Root").SelfSigned();
  Issued decoy = Ca("ICA").IssuedBy(root);
  Issued ica = Ca("ICA").IssuedBy(root);
  Issued leaf = Leaf().IssuedBy(ica);
  VerifyOptions o = Opts();
  o.budget.max_paths = 1;
  for (const auto& pool : {std::vector<CertificatePtr>{decoy.cert, ica.cert}, std::vector<CertificatePtr>{ica.cert, decoy.cert}}) {
    VerifyResult r = VerifyChain(leaf.cert, pool, StoreOf({&root}), o);
    ASSERT_TRUE(r.trusted);
    EXPECT_EQ(r.signature_checks, 2) << "the decoy was tried first";
    EXPECT_EQ(r.paths[0].certificates[1]->sha256(), ica.cert->sha256());
  }
  // Anchors before pool certificates: a trusted intermediate ends the path
  // at once, and its pool copy is not followed up to the root.
  VerifyResult r = VerifyChain(leaf.cert, {ica.cert}, StoreOf({&root, &ica}), Opts());
  ASSERT_TRUE(r.trusted);
  ASSERT_EQ(r.paths.size(), 1u);
  EXPECT_EQ(r.paths[0].certificates.size(), 2u);
}

// A new root cross-signed by an old one (Let's Encrypt's ISRG Root X1 by
// DST Root CA X3, Amazon's roots by Starfield): both paths are found, the
// shorter valid one first; when the cross-certificate has expired and only
// the old root is trusted, the answer says EXPIRED, not UNKNOWN_ISSUER.
TEST(PathBuilder, CrossSignedRoots) {
  Issued old_root = Ca("Old Root").SelfSigned();
  Issued new_root = Ca("New Root").SelfSigned();
  Issued cross = test_pki::CertBuilder("New Root", true, new_root.key).IssuedBy(old_root);
  Issued ica = Ca("ICA").IssuedBy(new_root);
  Issued leaf = Leaf().IssuedBy(ica);

  VerifyResult both = VerifyChain(leaf.cert, {ica.cert, cross.cert}, StoreOf({&old_root, &new_root}), Opts());
  ASSERT_TRUE(both.trusted);
  ASSERT_EQ(both.paths.size(), 2u);
  EXPECT_EQ(Names(both.paths[0]), (std::vector<std::string>{"leaf.example.com", "ICA", "New Root"}));
  EXPECT_EQ(Names(both.paths[1]), (std::vector<std::string>{"leaf.example.com", "ICA", "New Root", "Old Root"}));
  EXPECT_TRUE(both.paths[1].valid);

  VerifyResult old_only = VerifyChain(leaf.cert, {ica.cert, cross.cert}, StoreOf({&old_root}), Opts());
  ASSERT_TRUE(old_only.trusted);
  EXPECT_EQ(old_only.paths[0].certificates.size(), 4u);

  Issued expired_cross =
      test_pki::CertBuilder("New Root", true, new_root.key).Validity(test_pki::k2025, test_pki::k2026).IssuedBy(old_root);
  VerifyResult expired = VerifyChain(leaf.cert, {ica.cert, expired_cross.cert}, StoreOf({&old_root}), Opts());
  EXPECT_FALSE(expired.trusted);
  EXPECT_EQ(Detail(expired), "EXPIRED/validity.expired");
  EXPECT_EQ(expired.most_specific.certificate, 2);
  // The same with the new root trusted as well: the valid path wins.
  EXPECT_TRUE(VerifyChain(leaf.cert, {ica.cert, expired_cross.cert}, StoreOf({&old_root, &new_root}), Opts()).trusted);
}

// Two CAs cross-signed by each other and neither trusted: the builder ends
// (Go's loop rule: a candidate with the subject and key of a certificate
// already on the path is skipped) with UNKNOWN_ISSUER.
TEST(PathBuilder, CrossSignCycleEnds) {
  test_pki::KeyPtr ka = test_pki::NewKey(), kb = test_pki::NewKey();
  Issued a_self = test_pki::CertBuilder("CA A", true, ka).SelfSigned();
  Issued b_self = test_pki::CertBuilder("CA B", true, kb).SelfSigned();
  Issued a_by_b = test_pki::CertBuilder("CA A", true, ka).IssuedBy(b_self);
  Issued b_by_a = test_pki::CertBuilder("CA B", true, kb).IssuedBy(a_self);
  Issued leaf = Leaf().IssuedBy(a_self);
  Issued unrelated = Ca("Unrelated Root").SelfSigned();
  VerifyResult r = VerifyChain(leaf.cert, {a_by_b.cert, b_by_a.cert}, StoreOf({&unrelated}), Opts());
  EXPECT_FALSE(r.trusted);
  EXPECT_EQ(r.most_specific.code, VerifyErrorCode::kUnknownIssuer);
  EXPECT_LT(r.builder_steps, 10);
  for (const VerifiedPath& p : r.paths) {
    std::set<std::string> seen;
    for (const CertificatePtr& c : p.certificates) {
      EXPECT_TRUE(seen.insert(c->DisplayName()).second) << "a certificate twice on one path";
    }
  }
  // With B trusted the cycle resolves: leaf -> A (by B) -> B.
  VerifyResult ok = VerifyChain(leaf.cert, {a_by_b.cert, b_by_a.cert}, StoreOf({&b_self}), Opts());
  EXPECT_TRUE(ok.trusted);
}

TEST(PathBuilder, DuplicatesInThePoolGiveOnePath) {
  Issued root = Ca("Root").SelfSigned();
  Issued ica = Ca("ICA").IssuedBy(root);
  Issued leaf = Leaf().IssuedBy(ica);
  VerifyResult r = VerifyChain(leaf.cert, {ica.cert, ica.cert, leaf.cert, ica.cert}, StoreOf({&root}), Opts());
  ASSERT_TRUE(r.trusted);
  EXPECT_EQ(r.paths.size(), 1u);
}

// A pool of up to 32 certificates is searched in place, a larger one
// through an index by subject: both must offer the same candidates in the
// same order (the first of equal subjects, then the others newest first;
// duplicates once), so that the paths and their order do not depend on how
// many unrelated certificates came with the chain.
TEST(PathBuilder, SmallAndLargePoolsGiveTheSamePathsInTheSameOrder) {
  Issued root = Ca("Root").SelfSigned();
  test_pki::KeyPtr ica_key = test_pki::NewKey();
  std::vector<Issued> icas;
  for (int i = 0; i < 5; ++i) {
    icas.push_back(test_pki::CertBuilder("ICA", true, ica_key)
                       .Validity(test_pki::k2025 + i * 86400, test_pki::k2030)
                       .IssuedBy(root));
  }
  Issued leaf = test_pki::CertBuilder("leaf.example.com", false).IssuedBy(icas[0]);
  std::vector<CertificatePtr> pool;
  for (const Issued& i : icas) pool.push_back(i.cert);
  pool.push_back(icas[2].cert);  // a duplicate: offered once, in its first place
  pool.push_back(leaf.cert);     // the target itself: never a candidate
  std::vector<CertificatePtr> padded = pool;
  for (int i = 0; i < 40; ++i) padded.push_back(Ca("Unrelated " + std::to_string(i)).SelfSigned().cert);
  ASSERT_LE(pool.size(), 32u);
  ASSERT_GT(padded.size(), 32u);

  auto order = [&](const std::vector<CertificatePtr>& p) {
    VerifyResult r = VerifyChain(leaf.cert, p, StoreOf({&root}), Opts());
    EXPECT_TRUE(r.trusted);
    std::vector<std::string> icas_tried;
    for (const VerifiedPath& vp : r.paths) icas_tried.push_back(vp.certificates.at(1)->Sha256Hex());
    return icas_tried;
  };
  const std::vector<std::string> small = order(pool);
  EXPECT_EQ(small.size(), icas.size());
  EXPECT_EQ(small, order(padded));
  std::set<std::string> distinct(small.begin(), small.end());
  EXPECT_EQ(distinct.size(), icas.size());
}

TEST(PathBuilder, TargetThatIsAnAnchor) {
  Issued root = Ca("Root").SelfSigned();
  VerifyOptions o = Opts();
  o.target_is_ca = true;
  o.host.reset();
  VerifyResult r = VerifyChain(root.cert, {}, StoreOf({&root}), o);
  ASSERT_TRUE(r.trusted);
  EXPECT_EQ(r.paths[0].certificates.size(), 1u);
}

// A chain of `n` intermediates under one root, leaf first.
struct LongChain {
  Issued root = Ca("Root").SelfSigned();
  std::vector<Issued> icas;
  Issued leaf;
  explicit LongChain(int n) {
    icas.reserve(static_cast<size_t>(n));  // `parent` points into it
    const Issued* parent = &root;
    for (int i = 0; i < n; ++i) {
      icas.push_back(Ca("ICA " + std::to_string(i)).IssuedBy(*parent));
      parent = &icas.back();
    }
    leaf = Leaf().IssuedBy(*parent);
  }
  std::vector<CertificatePtr> Pool() const {
    std::vector<CertificatePtr> out;
    for (const Issued& i : icas) out.push_back(i.cert);
    return out;
  }
};

TEST(PathBudgetLimits, SignatureChecks) {
  LongChain c(3);
  VerifyOptions o = Opts();
  o.budget.signature_checks = 2;  // 4 needed
  VerifyResult r = VerifyChain(c.leaf.cert, c.Pool(), StoreOf({&c.root}), o);
  EXPECT_FALSE(r.trusted);
  EXPECT_EQ(Detail(r), "BUDGET_EXHAUSTED/budget.signature_checks");
  EXPECT_EQ(r.signature_checks, 2);
  o.budget.signature_checks = 4;
  EXPECT_TRUE(VerifyChain(c.leaf.cert, c.Pool(), StoreOf({&c.root}), o).trusted);
}

TEST(PathBudgetLimits, BuilderSteps) {
  LongChain c(3);
  VerifyOptions o = Opts();
  o.budget.builder_steps = 2;
  VerifyResult r = VerifyChain(c.leaf.cert, c.Pool(), StoreOf({&c.root}), o);
  EXPECT_FALSE(r.trusted);
  EXPECT_EQ(Detail(r), "BUDGET_EXHAUSTED/budget.builder_steps");
}

TEST(PathBudgetLimits, MaxDepth) {
  LongChain c(4);  // leaf + 4 + root = 6 certificates
  VerifyOptions o = Opts();
  o.budget.max_depth = 5;
  VerifyResult r = VerifyChain(c.leaf.cert, c.Pool(), StoreOf({&c.root}), o);
  EXPECT_FALSE(r.trusted);
  EXPECT_EQ(Detail(r), "PATH_TOO_LONG/path.max_depth");
  o.budget.max_depth = 6;
  EXPECT_TRUE(VerifyChain(c.leaf.cert, c.Pool(), StoreOf({&c.root}), o).trusted);
}

TEST(PathBudgetLimits, MaxPaths) {
  // Three roots share a name and key (re-issued self-signed certificates):
  // three complete paths, capped by max_paths.
  test_pki::KeyPtr k = test_pki::NewKey();
  Issued r1 = test_pki::CertBuilder("Root", true, k).Serial(1).SelfSigned();
  Issued r2 = test_pki::CertBuilder("Root", true, k).Serial(2).SelfSigned();
  Issued r3 = test_pki::CertBuilder("Root", true, k).Serial(3).SelfSigned();
  Issued leaf = Leaf().IssuedBy(r1);
  VerifyResult all = VerifyChain(leaf.cert, {}, StoreOf({&r1, &r2, &r3}), Opts());
  ASSERT_TRUE(all.trusted);
  EXPECT_EQ(all.paths.size(), 3u);
  VerifyOptions o = Opts();
  o.budget.max_paths = 2;
  EXPECT_EQ(VerifyChain(leaf.cert, {}, StoreOf({&r1, &r2, &r3}), o).paths.size(), 2u);
  o.client.first_path_only = true;
  EXPECT_EQ(VerifyChain(leaf.cert, {}, StoreOf({&r1, &r2, &r3}), o).paths.size(), 1u);
}

// PathBudget::deadline: a deadline that has passed stops the builder at
// its first step (the clock is read at steps 1, 65, 129, ...), with its own
// detail id; a deadline ahead changes nothing.
TEST(PathBudgetLimits, Deadline) {
  LongChain c(3);
  VerifyOptions o = Opts();
  o.budget.deadline = std::chrono::steady_clock::now() - std::chrono::milliseconds(1);
  VerifyResult r = VerifyChain(c.leaf.cert, c.Pool(), StoreOf({&c.root}), o);
  EXPECT_FALSE(r.trusted);
  EXPECT_EQ(Detail(r), "BUDGET_EXHAUSTED/budget.deadline");
  EXPECT_NE(r.most_specific.message.find("deadline"), std::string::npos);
  EXPECT_EQ(r.builder_steps, 1);
  EXPECT_EQ(r.signature_checks, 0);
  o.budget.deadline = std::chrono::steady_clock::now() + std::chrono::hours(1);
  VerifyResult ok = VerifyChain(c.leaf.cert, c.Pool(), StoreOf({&c.root}), o);
  EXPECT_TRUE(ok.trusted);
}

// A deadline that passes during a long search: a mesh of CAs sharing one
// name (each issued by every other), none trusted, explored until the
// deadline ends it well before the step budget would.
TEST(PathBudgetLimits, DeadlineDuringSearch) {
  std::vector<test_pki::KeyPtr> keys;
  std::vector<Issued> selfs;
  for (int i = 0; i < 6; ++i) {
    keys.push_back(test_pki::NewKey());
    selfs.push_back(test_pki::CertBuilder("Mesh CA " + std::to_string(i), true, keys.back()).SelfSigned());
  }
  std::vector<CertificatePtr> pool;
  for (int i = 0; i < 6; ++i) {
    for (int j = 0; j < 6; ++j) {
      if (i == j) continue;
      pool.push_back(test_pki::CertBuilder("Mesh CA " + std::to_string(i), true, keys[i]).IssuedBy(selfs[j]).cert);
    }
  }
  Issued leaf = Leaf().IssuedBy(selfs[0]);
  Issued unrelated = Ca("Unrelated Root").SelfSigned();
  VerifyOptions o = Opts();
  o.budget.signature_checks = 1000000;
  o.budget.builder_steps = 1000000;
  o.budget.max_depth = 8;
  SignatureCache cache;  // signatures once, so the steps are cheap
  VerifyResult unbounded = VerifyChain(leaf.cert, pool, StoreOf({&unrelated}), o, &cache);
  EXPECT_FALSE(unbounded.trusted);
  ASSERT_GT(unbounded.builder_steps, 200) << "the mesh is too small to need a deadline";
  o.budget.deadline = std::chrono::steady_clock::now() + std::chrono::microseconds(1);
  VerifyResult bounded = VerifyChain(leaf.cert, pool, StoreOf({&unrelated}), o, &cache);
  EXPECT_FALSE(bounded.trusted);
  EXPECT_EQ(Detail(bounded), "BUDGET_EXHAUSTED/budget.deadline");
  EXPECT_LT(bounded.builder_steps, unbounded.builder_steps);
}

}  // namespace
}  // namespace trustready
