// Path building: a depth-first search from the target towards the anchors
// of one store, as Go's crypto/x509 and Chromium's CertPathBuilder do.
//
// - Candidate issuers of a certificate are the anchors and pool
//   certificates whose subject equals its issuer (RFC 5280 7.1 comparison),
//   anchors first, and within each group those whose subjectKeyIdentifier
//   equals the child's authorityKeyIdentifier first.
// - A candidate already on the path (same certificate, or same subject and
//   key: Go's loop rule) is skipped, so cross-certificate cycles end.
// - Each edge's signature is checked while building (through the
//   SignatureCache when given): paths are only ever extended through
//   issuers that really signed.
// - Every path that reaches an anchor is validated in full
//   (validate_path.cc) and recorded; the search goes on for alternatives
//   until the budget or PathBudget::max_paths stops it, except for
//   ClientBehavior::first_path_only clients.
#include <algorithm>
#include <set>
#include <unordered_map>

#include "trustready/verify/verify.h"
#include "verify/client_policy.h"
#include "verify/validate_path.h"

namespace trustready {
namespace {

using verify_internal::ValidatePath;

bool SameKeyAndSubject(const Certificate& a, const Certificate& b) {
  return a.spki_sha256() == b.spki_sha256() && a.NormalizedSubject() == b.NormalizedSubject();
}

// 0: AKI keyIdentifier equals the candidate's SKI; 1: one of them absent;
// 2: both present and different (tried last: it almost surely did not sign).
int KeyIdOrder(const Certificate& child, const Certificate& issuer) {
  const auto& aki = child->authority_key_id;
  const auto& ski = issuer->subject_key_id;
  if (!aki || !aki->key_identifier || !ski) return 1;
  return *aki->key_identifier == *ski ? 0 : 2;
}

std::string Describe(const Certificate& c) { return "'" + c.DisplayName() + "'"; }

class PathBuilder {
 public:
  PathBuilder(const CertificatePtr& target, const std::vector<CertificatePtr>& untrusted,
              const TrustStore& store, const VerifyOptions& options, SignatureCache* cache)
      : target_(target), untrusted_(untrusted), store_(store), options_(options), cache_(cache) {
    budget_ = options.budget;
    // Keyed by views of the certificates' own normalised subjects (the
    // caller's vector keeps them alive for the run). A duplicate can only
    // share its subject, so it is looked for among those. A small pool is
    // searched in place instead (PoolIssuers): building the index cost a
    // quarter of a signature-cached verification.
    if (untrusted.size() <= kSmallPool) return;
    pool_by_subject_.reserve(untrusted.size());
    for (const CertificatePtr& c : untrusted) {
      if (!c || c->sha256() == target->sha256()) continue;
      auto range = pool_by_subject_.equal_range(c->NormalizedSubject());
      bool duplicate = false;
      for (auto it = range.first; it != range.second && !duplicate; ++it) {
        duplicate = (*it->second)->sha256() == c->sha256();
      }
      if (!duplicate) pool_by_subject_.emplace(c->NormalizedSubject(), &c);
    }
  }

  VerifyResult Run() {
    std::vector<CertificatePtr> path{target_};
    if (const TrustAnchor* self = store_.FindBySha256(target_->sha256())) {
      // The target is itself an anchor of this store.
      Record(path, *self);
    }
    if (!Done()) Extend(&path);
    return Finish();
  }

 private:
  bool Done() const {
    if (stop_) return true;
    if (options_.client.first_path_only && !result_.paths.empty()) return true;
    return static_cast<int>(result_.paths.size()) >= budget_.max_paths;
  }

  // PathBudget::deadline, read every 64 builder steps (a clock read per
  // step would cost more than the step).
  bool PastDeadline() {
    if (!budget_.deadline || (result_.builder_steps & 63) != 1) return false;
    if (std::chrono::steady_clock::now() < *budget_.deadline) return false;
    deadline_passed_ = true;
    return true;
  }

  // Checks `child`'s signature by `issuer`, charging the budget.
  SignatureStatus CheckSignature(const Certificate& child, const Certificate& issuer) {
    if (cache_) {
      if (const SignatureStatus* s = cache_->Find(issuer.spki_sha256(), child.sha256())) return *s;
    }
    if (--budget_.signature_checks < 0) {
      budget_exhausted_ = true;
      exhausted_detail_ = "budget.signature_checks";
      stop_ = true;
      return SignatureStatus::kInvalid;
    }
    ++result_.signature_checks;
    return VerifyCertificateSignature(child, issuer, cache_);
  }

  void Record(const std::vector<CertificatePtr>& path, const TrustAnchor& anchor) {
    VerifiedPath vp;
    vp.certificates = path;
    vp.anchor = anchor;
    vp.complete = true;
    verify_internal::PathValidation v = ValidatePath(path, anchor, store_, options_, untrusted_, &budget_);
    vp.errors = std::move(v.errors);
    vp.revocation = std::move(v.revocation);
    vp.user_constrained_policy_set = std::move(v.user_constrained_policy_set);
    verify_internal::ApplyClientPolicy(path, anchor, options_, &vp.errors);
    vp.valid = vp.errors.empty();
    result_.paths.push_back(std::move(vp));
  }

  void RecordDeadEnd(const std::vector<CertificatePtr>& path, VerifyError error) {
    if (dead_ends_.size() >= 8) return;
    VerifiedPath vp;
    vp.certificates = path;
    vp.errors.push_back(std::move(error));
    dead_ends_.push_back(std::move(vp));
  }

  bool OnPath(const std::vector<CertificatePtr>& path, const Certificate& c) const {
    for (const CertificatePtr& p : path) {
      if (p->sha256() == c.sha256() || SameKeyAndSubject(*p, c)) return true;
    }
    return false;
  }

  void Extend(std::vector<CertificatePtr>* path) {
    const CertificatePtr cur = path->back();
    const int index = static_cast<int>(path->size()) - 1;
    bool any_candidate = false;

    // Anchors first.
    std::vector<const TrustAnchor*> anchors = store_.FindBySubject(cur->NormalizedIssuer());
    std::stable_sort(anchors.begin(), anchors.end(), [&](const TrustAnchor* a, const TrustAnchor* b) {
      return KeyIdOrder(*cur, *a->cert) < KeyIdOrder(*cur, *b->cert);
    });
    for (const TrustAnchor* anchor : anchors) {
      if (Done()) return;
      if (++result_.builder_steps > budget_.builder_steps || PastDeadline()) {
        budget_exhausted_ = stop_ = true;
        exhausted_detail_ = deadline_passed_ ? "budget.deadline" : "budget.builder_steps";
        return;
      }
      if (anchor->cert->sha256() == cur->sha256()) continue;  // self-signed anchor as target
      if (OnPath(*path, *anchor->cert)) continue;
      any_candidate = true;
      SignatureStatus s = CheckSignature(*cur, *anchor->cert);
      if (stop_) return;
      path->push_back(anchor->cert);
      if (s == SignatureStatus::kValid) {
        Record(*path, *anchor);
      } else {
        // Recorded as a complete path that fails, so that a wrong anchor
        // key (a re-keyed root with the same name) is explained.
        VerifiedPath vp;
        vp.certificates = *path;
        vp.anchor = *anchor;
        vp.complete = true;
        vp.errors.push_back(SignatureError(s, index, *cur, *anchor->cert));
        result_.paths.push_back(std::move(vp));
      }
      path->pop_back();
    }

    // Then the untrusted pool.
    std::vector<CertificatePtr> candidates = PoolIssuers(*cur);
    std::stable_sort(candidates.begin(), candidates.end(),
                     [&](const CertificatePtr& a, const CertificatePtr& b) {
                       return KeyIdOrder(*cur, *a) < KeyIdOrder(*cur, *b);
                     });
    for (const CertificatePtr& cand : candidates) {
      if (Done()) return;
      if (++result_.builder_steps > budget_.builder_steps || PastDeadline()) {
        budget_exhausted_ = stop_ = true;
        exhausted_detail_ = deadline_passed_ ? "budget.deadline" : "budget.builder_steps";
        return;
      }
      if (OnPath(*path, *cand)) continue;
      // A pool copy of an anchor was handled as the anchor above.
      if (store_.FindBySha256(cand->sha256())) continue;
      any_candidate = true;
      if (static_cast<int>(path->size()) + 1 >= budget_.max_depth) {
        // Room for the candidate but not for any anchor above it.
        too_long_ = true;
        continue;
      }
      SignatureStatus s = CheckSignature(*cur, *cand);
      if (stop_) return;
      if (s != SignatureStatus::kValid) {
        std::vector<CertificatePtr> dead = *path;
        dead.push_back(cand);
        RecordDeadEnd(dead, SignatureError(s, index, *cur, *cand));
        continue;
      }
      path->push_back(cand);
      Extend(path);
      path->pop_back();
    }

    if (!any_candidate) {
      RecordDeadEnd(*path, VerifyError{VerifyErrorCode::kUnknownIssuer, index,
                                       "no issuer of " + Describe(*cur) + " (issuer '" +
                                           cur->parsed().issuer.ToRfc4514() +
                                           "') among the anchors of '" + store_.name() +
                                           "' and the untrusted certificates",
                                       "issuer.not_found"});
    }
  }

  static VerifyError SignatureError(SignatureStatus s, int index, const Certificate& child,
                                    const Certificate& issuer) {
    if (s == SignatureStatus::kUnsupportedAlgorithm) {
      return {VerifyErrorCode::kUnsupportedAlgorithm, index,
              "signature of " + Describe(child) + " (" +
                  std::string(SignatureAlgorithmName(child->signature_algorithm.signature)) +
                  ") by a " + issuer.KeyDescription() + " key is not supported",
              "signature.unsupported_algorithm"};
    }
    return {VerifyErrorCode::kBadSignature, index,
            "signature of " + Describe(child) + " does not verify with the key of " +
                Describe(issuer) + " (" + issuer.KeyDescription() + ")",
            "signature.invalid"};
  }

  VerifyResult Finish() {
    // Valid paths first, then by fewest errors, then shortest.
    std::stable_sort(result_.paths.begin(), result_.paths.end(),
                     [](const VerifiedPath& a, const VerifiedPath& b) {
                       if (a.valid != b.valid) return a.valid;
                       if (a.errors.size() != b.errors.size()) return a.errors.size() < b.errors.size();
                       return a.certificates.size() < b.certificates.size();
                     });
    result_.trusted = !result_.paths.empty() && result_.paths.front().valid;
    if (result_.trusted) return std::move(result_);

    if (result_.paths.empty()) {
      result_.paths = std::move(dead_ends_);
      if (too_long_) {
        VerifyError e{VerifyErrorCode::kPathTooLong, -1,
                      "no path within " + std::to_string(options_.budget.max_depth) +
                          " certificates reaches an anchor of '" + store_.name() + "'",
                      "path.max_depth"};
        if (result_.paths.empty()) {
          VerifiedPath vp;
          vp.certificates = {target_};
          result_.paths.push_back(std::move(vp));
        }
        result_.paths.front().errors.push_back(e);
      }
    }
    if (budget_exhausted_) {
      VerifyError e{VerifyErrorCode::kBudgetExhausted, -1,
                    deadline_passed_
                        ? std::string("path building stopped: its deadline (PathBudget::deadline) passed "
                                      "before a valid path was found")
                        : "path building stopped: the work budget (" +
                              std::to_string(options_.budget.signature_checks) + " signature checks, " +
                              std::to_string(options_.budget.builder_steps) +
                              " builder steps) ran out before a valid path was found",
                    exhausted_detail_};
      if (result_.paths.empty()) {
        VerifiedPath vp;
        vp.certificates = {target_};
        result_.paths.push_back(std::move(vp));
      }
      for (VerifiedPath& p : result_.paths) p.errors.push_back(e);
    }
    if (result_.paths.empty()) {
      VerifiedPath vp;
      vp.certificates = {target_};
      vp.errors.push_back({VerifyErrorCode::kUnknownIssuer, 0,
                           "no path from " + Describe(*target_) + " to an anchor of '" +
                               store_.name() + "'",
                           "issuer.no_path"});
      result_.paths.push_back(std::move(vp));
    }
    bool first = true;
    for (const VerifiedPath& p : result_.paths) {
      for (const VerifyError& e : p.errors) {
        if (first || VerifyErrorRank(e.code) > VerifyErrorRank(result_.most_specific.code)) {
          result_.most_specific = e;
          first = false;
        }
      }
    }
    // Budget exhaustion is what to say when no path was even completed.
    if (budget_exhausted_ && !HasComplete()) {
      result_.most_specific = result_.paths.front().errors.back();
    }
    return std::move(result_);
  }

  // The pool's certificates whose subject is `cur`'s issuer, without
  // duplicates (the first of equal certificates kept) or the target. Both
  // ways give the same order: the index's (an unordered_multimap keeps the
  // first of equal keys first, then the others newest first), so that the
  // candidates, stably sorted by key identifier after, come in the same order
  // whatever the pool's size.
  std::vector<CertificatePtr> PoolIssuers(const Certificate& cur) const {
    std::vector<CertificatePtr> out;
    if (untrusted_.size() > kSmallPool) {
      auto range = pool_by_subject_.equal_range(cur.NormalizedIssuer());
      for (auto it = range.first; it != range.second; ++it) out.push_back(*it->second);
      return out;
    }
    const std::string_view issuer = cur.NormalizedIssuer();
    for (const CertificatePtr& c : untrusted_) {
      if (!c || c->NormalizedSubject() != issuer || c->sha256() == target_->sha256()) continue;
      bool duplicate = false;
      for (const CertificatePtr& o : out) duplicate = duplicate || o->sha256() == c->sha256();
      if (!duplicate) out.push_back(c);
    }
    if (out.size() > 2) std::reverse(out.begin() + 1, out.end());
    return out;
  }

  bool HasComplete() const {
    return std::any_of(result_.paths.begin(), result_.paths.end(),
                       [](const VerifiedPath& p) { return p.complete; });
  }

  const CertificatePtr& target_;
  const std::vector<CertificatePtr>& untrusted_;
  const TrustStore& store_;
  const VerifyOptions& options_;
  SignatureCache* cache_;
  PathBudget budget_;
  static constexpr size_t kSmallPool = 32;
  std::unordered_multimap<std::string_view, const CertificatePtr*> pool_by_subject_;
  VerifyResult result_;
  std::vector<VerifiedPath> dead_ends_;
  bool stop_ = false;
  bool budget_exhausted_ = false;
  std::string_view exhausted_detail_;  // which limit ran out (a detail id)
  bool deadline_passed_ = false;
  bool too_long_ = false;
};

}  // namespace

VerifyResult VerifyChain(const CertificatePtr& target, const std::vector<CertificatePtr>& untrusted,
                         const TrustStore& store, const VerifyOptions& options,
                         SignatureCache* cache) {
  if (!target) {
    VerifyResult r;
    r.most_specific = {VerifyErrorCode::kUnknownIssuer, -1, "no certificate to verify", "issuer.no_target"};
    return r;
  }
  VerifyOptions effective = options;
  if (effective.time == 0) effective.time = Now();
  PathBuilder builder(target, untrusted, store, effective, cache);
  return builder.Run();
}

}  // namespace trustready
