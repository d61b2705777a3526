// Migration planning over the platform snapshots (see plan.h for the
// approach: one path search against the union of all anchors, each path
// validated once, snapshot verdicts by set membership).
#include "trustready/plan/plan.h"

#include <algorithm>
#include <functional>
#include <set>
#include <tuple>

#include "trustready/verify/signature.h"
#include "trustready/verify/verify.h"
#include "trustready/x509/pem.h"

namespace trustready {
namespace {

// How one complete path fares, before any snapshot is considered.
struct PathFacts {
  uint32_t anchor = 0;             // data index of the anchor
  std::vector<uint32_t> members;   // data indexes of path certificates known to the data
  std::vector<Sha256> certs;       // the whole path, target first, anchor last
  bool ok_strict = false;          // no error but the leaf's own validity
  bool ok_if_anchor_expiry_ignored = false;
  VerifyErrorCode worst = VerifyErrorCode::kUnknownIssuer;  // when not ok_strict
  std::string anchor_name;
};

bool IsLeafValidity(const VerifyError& e) {
  return e.certificate == 0 &&
         (e.code == VerifyErrorCode::kExpired || e.code == VerifyErrorCode::kNotYetValid);
}

std::vector<CertificatePtr> Dedup(std::vector<CertificatePtr> certs) {
  std::set<Sha256> seen;
  std::vector<CertificatePtr> out;
  for (auto& c : certs)
    if (c && seen.insert(c->sha256()).second) out.push_back(std::move(c));
  return out;
}

size_t ChainBytes(const std::vector<CertificatePtr>& chain) {
  size_t n = 0;
  for (const auto& c : chain) n += c->der().size();
  return n;
}

}  // namespace

PlanEvaluator::~PlanEvaluator() = default;

void PlanEvaluator::ResetSignatureCache() { cache_->Clear(); }

Result<std::unique_ptr<PlanEvaluator>> PlanEvaluator::Create(const PlanOptions& options) {
  std::unique_ptr<PlanEvaluator> ev(new PlanEvaluator());
  auto data = LoadPlatformData(options.data_dir);
  if (!data.ok()) return data.error();
  ev->data_ = *data;
  auto selected = SelectSnapshots(*ev->data_, options.platforms);
  if (!selected.ok()) return selected.error();
  ev->snapshots_ = *selected;
  if (ev->snapshots_.empty()) return MakeError(ErrorKind::kInvalidArgument, "no platform snapshot selected");
  const size_t n = ev->data_->fingerprints.size();
  for (size_t i = 0; i < n; ++i) ev->index_.emplace(ev->data_->fingerprints[i], static_cast<uint32_t>(i));
  ev->union_store_ = TrustStore("platforms:" + options.platforms, StoreFormat::kPlatform, "union of the selected snapshots");
  std::vector<bool> added(n, false);
  for (const PlatformSnapshot* s : ev->snapshots_) {
    std::vector<bool> t(n, false), b(n, false);
    for (uint32_t idx : s->trusted) {
      t[idx] = true;
      if (!added[idx]) {
        added[idx] = true;
        TrustAnchor a;
        a.cert = ev->data_->certificates[idx];
        a.source = "data/platforms";
        ev->union_store_.Add(std::move(a));
      }
    }
    for (uint32_t idx : s->blocked) b[idx] = true;
    ev->trusted_.push_back(std::move(t));
    ev->blocked_.push_back(std::move(b));
  }
  // Client profiles: the newest snapshot of their store's platform.
  for (const ClientProfile& c : ev->data_->clients) {
    const PlatformSnapshot* base = nullptr;
    for (const auto& s : ev->data_->snapshots)
      if (s.platform == c.store_platform) base = &s;
    if (!base) continue;
    PlatformSnapshot cs = *base;
    cs.platform = "client";
    cs.version = c.name;
    cs.name = "client:" + c.name + " (" + base->name + ")";
    cs.behavior = c.behavior;
    std::vector<bool> t(n, false), b(n, false);
    for (uint32_t idx : cs.trusted) {
      t[idx] = true;
      if (!added[idx]) {
        added[idx] = true;
        TrustAnchor a;
        a.cert = ev->data_->certificates[idx];
        a.source = "data/platforms";
        ev->union_store_.Add(std::move(a));
      }
    }
    for (uint32_t idx : cs.blocked) b[idx] = true;
    ev->trusted_.push_back(std::move(t));
    ev->blocked_.push_back(std::move(b));
    ev->clients_.push_back(std::move(cs));
  }
  ev->at_ = options.at != 0 ? options.at : Now();
  ev->cache_ = std::make_unique<SignatureCache>();
  return ev;
}

ChainEvaluation PlanEvaluator::Evaluate(const std::vector<CertificatePtr>& served,
                                        const std::vector<CertificatePtr>& aia_pool) {
  ChainEvaluation out;
  out.chain = served;
  out.bytes = ChainBytes(served);
  if (served.empty()) return out;
  const CertificatePtr& leaf = served.front();
  std::vector<CertificatePtr> untrusted(served.begin() + 1, served.end());

  VerifyOptions opts;
  opts.time = at_;
  opts.purpose = VerifyPurpose::kServerAuth;
  opts.client.enforce_anchor_expiry = true;  // relaxed per snapshot below
  // Every anchor of every platform is in one store, so more complete paths
  // exist than against any single store; the searches stay small because
  // candidates are found by name.
  opts.budget.max_paths = 128;
  opts.budget.signature_checks = 1000;

  auto facts_of = [&](const VerifyResult& r) {
    std::vector<PathFacts> facts;
    for (const VerifiedPath& p : r.paths) {
      if (!p.complete || !p.anchor) continue;
      auto it = index_.find(p.anchor->cert->sha256());
      if (it == index_.end()) continue;
      PathFacts f;
      f.anchor = it->second;
      f.anchor_name = p.anchor->cert->DisplayName();
      for (const auto& c : p.certificates) {
        f.certs.push_back(c->sha256());
        auto m = index_.find(c->sha256());
        if (m != index_.end()) f.members.push_back(m->second);
      }
      const int anchor_index = static_cast<int>(p.certificates.size()) - 1;
      bool only_anchor_expiry = true, any = false;
      int worst_rank = -1;
      for (const VerifyError& e : p.errors) {
        if (IsLeafValidity(e)) continue;
        any = true;
        bool anchor_time = e.certificate == anchor_index &&
                           (e.code == VerifyErrorCode::kExpired || e.code == VerifyErrorCode::kNotYetValid);
        if (!anchor_time) only_anchor_expiry = false;
        if (VerifyErrorRank(e.code) > worst_rank) {
          worst_rank = VerifyErrorRank(e.code);
          f.worst = e.code;
        }
      }
      f.ok_strict = !any;
      f.ok_if_anchor_expiry_ignored = !any || only_anchor_expiry;
      facts.push_back(std::move(f));
    }
    return facts;
  };

  VerifyResult plain = VerifyChain(leaf, untrusted, union_store_, opts, cache_.get());
  std::vector<PathFacts> facts_plain = facts_of(plain);
  std::vector<PathFacts> facts_aia;
  bool have_aia = false;
  if (!aia_pool.empty()) {
    bool any_fetching = false;
    for (const PlatformSnapshot* s : snapshots_) any_fetching |= s->behavior.fetch_aia;
    if (any_fetching) {
      std::vector<CertificatePtr> pool = untrusted;
      pool.insert(pool.end(), aia_pool.begin(), aia_pool.end());
      VerifyResult with_aia = VerifyChain(leaf, Dedup(pool), union_store_, opts, cache_.get());
      facts_aia = facts_of(with_aia);
      have_aia = true;
    }
  }

  // The chain OpenSSL 1.0.x builds: served certificates in order, each the
  // first later one whose subject is the previous one's issuer (and whose
  // key identifier does not contradict it), until none is or a self-issued
  // one is reached; the store supplies the rest.
  std::vector<Sha256> served_walk = {leaf->sha256()};
  {
    std::vector<bool> used(served.size(), false);
    CertificatePtr cur = leaf;
    while (!(cur->IsSelfIssued() && served_walk.size() > 1)) {
      CertificatePtr next;
      for (size_t k = 1; k < served.size(); ++k) {
        const Certificate& c = *served[k];
        if (used[k] || c.NormalizedSubject() != cur->NormalizedIssuer()) continue;
        const auto& aki = (*cur)->authority_key_id;
        const auto& ski = c->subject_key_id;
        if (aki && aki->key_identifier && ski && !(*aki->key_identifier == *ski)) continue;
        used[k] = true;
        next = served[k];
        break;
      }
      if (!next) break;
      served_walk.push_back(next->sha256());
      cur = next;
    }
  }
  auto is_first_path = [&](const PathFacts& f) {
    if (f.certs == served_walk) return true;  // ends in a served root that is the anchor
    return f.certs.size() == served_walk.size() + 1 &&
           std::equal(served_walk.begin(), served_walk.end(), f.certs.begin());
  };

  const UnixTime leaf_not_before = (*leaf)->not_before;
  auto judge = [&](size_t i, const PlatformSnapshot* s) {
    const auto& facts = (have_aia && s->behavior.fetch_aia) ? facts_aia : facts_plain;
    PlanCell cell;
    cell.snapshot = s;
    int best_rank = -1;
    std::string reason = "UNKNOWN_ISSUER";
    for (const PathFacts& f : facts) {
      if (!trusted_[i][f.anchor]) continue;
      if (s->behavior.first_path_only && !is_first_path(f)) continue;
      VerifyErrorCode code = f.worst;
      bool ok = f.ok_strict || (!s->behavior.enforce_anchor_expiry && f.ok_if_anchor_expiry_ignored);
      for (uint32_t m : f.members) {
        if (blocked_[i][m]) {
          ok = false;
          code = VerifyErrorCode::kDistrusted;
        }
      }
      for (const auto& [root, when] : s->distrust_after) {
        if (root == f.anchor && leaf_not_before > when) {
          ok = false;
          code = VerifyErrorCode::kDistrusted;
        }
      }
      if (ok) {
        cell.trusted = true;
        cell.detail = f.anchor_name;
        break;
      }
      if (VerifyErrorRank(code) > best_rank) {
        best_rank = VerifyErrorRank(code);
        reason = std::string(VerifyErrorCodeName(code));
      }
      // The first path is the only one such a client tries.
      if (s->behavior.first_path_only) break;
    }
    if (!cell.trusted) cell.detail = reason;
    return cell;
  };
  out.cells.reserve(snapshots_.size());
  for (size_t i = 0; i < snapshots_.size(); ++i) {
    out.cells.push_back(judge(i, snapshots_[i]));
    out.working += out.cells.back().trusted;
  }
  for (size_t k = 0; k < clients_.size(); ++k) {
    out.client_cells.push_back(judge(snapshots_.size() + k, &clients_[k]));
    out.clients_working += out.client_cells.back().trusted;
  }
  return out;
}

Result<PlanResult> Plan(const std::vector<CertificatePtr>& old_chain,
                        const std::vector<CertificatePtr>& new_chain,
                        const std::vector<CertificatePtr>& candidates, const PlanOptions& options) {
  if (old_chain.empty()) return MakeError(ErrorKind::kInvalidArgument, "--old: no certificate");
  if (new_chain.empty()) return MakeError(ErrorKind::kInvalidArgument, "--new: no certificate");
  auto ev = PlanEvaluator::Create(options);
  if (!ev.ok()) return ev.error();
  PlanEvaluator& e = **ev;

  PlanResult plan;
  plan.snapshots = e.snapshots();
  plan.clients = e.clients();
  plan.at = e.at();
  std::vector<CertificatePtr> everything = old_chain;
  everything.insert(everything.end(), new_chain.begin(), new_chain.end());
  everything.insert(everything.end(), candidates.begin(), candidates.end());
  const std::vector<CertificatePtr> aia_pool = Dedup(everything);

  plan.old_chain = e.Evaluate(old_chain, aia_pool);
  plan.new_chain = e.Evaluate(new_chain, aia_pool);

  // Servable chains: the new leaf followed by any issuer sequence through
  // the new intermediates, the old chain's intermediates and
  // cross-certificates, and the candidates (each link a name match whose
  // signature verifies), every prefix being a chain a server could send.
  // The old chain's certificates are candidates because a server can keep
  // sending them: a cross-certificate served today must not have to be
  // passed again for the plan to see it.
  const CertificatePtr& leaf = new_chain.front();
  std::vector<CertificatePtr> pool;
  for (const auto& c : Dedup([&] {
         std::vector<CertificatePtr> v(new_chain.begin() + 1, new_chain.end());
         v.insert(v.end(), old_chain.begin() + 1, old_chain.end());
         v.insert(v.end(), candidates.begin(), candidates.end());
         return v;
       }())) {
    if (c->sha256() != leaf->sha256()) pool.push_back(c);
  }
  SignatureCache cache;
  std::vector<std::vector<CertificatePtr>> chains;
  std::vector<CertificatePtr> path = {leaf};
  auto on_path = [&](const Certificate& c) {
    for (const auto& p : path)
      if (p->sha256() == c.sha256() ||
          (p->spki_sha256() == c.spki_sha256() && p->NormalizedSubject() == c.NormalizedSubject()))
        return true;
    return false;
  };
  std::function<void()> extend = [&] {
    if (static_cast<int>(chains.size()) >= options.max_candidate_chains) return;
    chains.push_back(path);
    if (path.size() >= 6) return;
    const Certificate& cur = *path.back();
    if (cur.IsSelfIssued() && path.size() > 1) return;
    for (const auto& c : pool) {
      if (c->NormalizedSubject() != cur.NormalizedIssuer() || on_path(*c)) continue;
      if (VerifyCertificateSignature(cur, *c, &cache) != SignatureStatus::kValid) continue;
      path.push_back(c);
      extend();
      path.pop_back();
    }
  };
  extend();

  plan.recommended = plan.new_chain;
  size_t considered = 1;
  for (const auto& chain : chains) {
    bool same_as_new = chain.size() == new_chain.size() &&
                       std::equal(chain.begin(), chain.end(), new_chain.begin(),
                                  [](const CertificatePtr& a, const CertificatePtr& b) {
                                    return a->sha256() == b->sha256();
                                  });
    if (same_as_new) continue;
    ++considered;
    ChainEvaluation ce = e.Evaluate(chain, aia_pool);
    // Most snapshots first; then most client profiles; then fewest bytes.
    auto key = [](const ChainEvaluation& c) {
      return std::make_tuple(c.working, c.clients_working, -static_cast<long>(c.bytes));
    };
    if (key(ce) > key(plan.recommended)) {
      plan.recommended = std::move(ce);
    }
  }
  plan.candidates_considered = considered;
  plan.added_bytes = static_cast<long>(plan.recommended.bytes) - static_cast<long>(plan.new_chain.bytes);

  for (size_t i = 0; i < plan.snapshots.size(); ++i) {
    if (plan.old_chain.cells[i].trusted && !plan.new_chain.cells[i].trusted)
      plan.breaking.push_back(plan.snapshots[i]);
  }
  for (size_t i = 0; i < plan.snapshots.size(); ++i) {
    const PlatformSnapshot* s = plan.snapshots[i];
    auto it = std::find_if(plan.platforms.begin(), plan.platforms.end(),
                           [&](const PlanResult::PlatformSummary& p) { return p.platform == s->platform; });
    if (it == plan.platforms.end()) {
      plan.platforms.push_back({s->platform});
      it = plan.platforms.end() - 1;
    }
    ++it->snapshots;
    it->working_old += plan.old_chain.cells[i].trusted;
    it->working_new += plan.new_chain.cells[i].trusted;
    it->working_recommended += plan.recommended.cells[i].trusted;
    if (plan.new_chain.cells[i].trusted) {
      if (it->first_working.empty()) it->first_working = s->version;
      if (it->works_from.empty()) it->works_from = s->version;
    } else {
      it->works_from.clear();
    }
  }
  auto leaf_info = [&](const CertificatePtr& c) {
    PlanResult::LeafInfo l;
    l.name = c->DisplayName();
    l.not_before = (*c)->not_before;
    l.not_after = (*c)->not_after;
    l.valid_at = plan.at >= l.not_before && plan.at <= l.not_after;
    return l;
  };
  plan.old_leaf = leaf_info(old_chain.front());
  plan.new_leaf = leaf_info(new_chain.front());
  return plan;
}

Result<PlanResult> PlanFiles(const PlanRequest& r) {
  auto old_chain = LoadCertificatesFromFile(r.old_chain);
  if (!old_chain.ok()) return NamedBy(old_chain.error(), r.old_chain);
  auto new_chain = LoadCertificatesFromFile(r.new_chain);
  if (!new_chain.ok()) return NamedBy(new_chain.error(), r.new_chain);
  std::vector<CertificatePtr> candidates;
  for (const auto& f : r.candidates) {
    auto c = LoadCertificatesFromFile(f);
    if (!c.ok()) return NamedBy(c.error(), f);
    candidates.insert(candidates.end(), c->begin(), c->end());
  }
  PlanOptions options;
  options.platforms = r.platforms;
  if (!r.at.empty()) {
    auto at = ParseRfc3339(r.at);
    if (!at.ok()) return NamedBy(at.error(), "--at " + r.at);
    options.at = *at;
  }
  auto plan = Plan(*old_chain, *new_chain, candidates, options);
  if (!plan.ok()) return NamedBy(plan.error(), "plan");
  return plan;
}

}  // namespace trustready
