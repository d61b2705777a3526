// Certificate policy processing (RFC 5280 6.1), on a valid-policy graph.
//
// RFC 5280 describes a valid_policy_tree. A tree duplicates a node under
// every parent that expects its policy, so a few certificates with many
// policies and mappings make it grow exponentially (CVE-2023-0464 in
// OpenSSL). As BoringSSL's policy_graph does, each depth here keeps at most
// one node per valid_policy, with the set of its parents: the same facts,
// the tree's copies merged. The answers RFC 5280 asks of the tree (is it
// NULL at depth i; the user-constrained policy set of 6.1.5 (g)) read the
// same from the graph:
// - a node survives pruning exactly when it has a path down to depth i;
// - the user-constrained policy set is the set of valid_policy values of
//   the nodes whose parent is an anyPolicy node (the "valid_policy_node_set"
//   of 6.1.5 (g)(iii)), intersected with user-initial-policy-set, or the
//   whole user-initial-policy-set when an anyPolicy node reaches depth n.
// Non-anyPolicy nodes never have an anyPolicy child (policyMappings may not
// map to anyPolicy, 6.1.4 (a)), so the anyPolicy nodes form one chain from
// the root.
//
// Policy qualifiers are parsed (x509) but not interpreted: RFC 5280 4.2.1.4
// leaves them to the application, and none of ours displays them.
#include "verify/policy.h"
#include "trustready/x509/oids.h"

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

namespace trustready::verify_internal {
namespace {

// OID contents, as bytes: views into the path's certificates, the options
// and oid::kAnyPolicy, all of which outlive one ProcessPolicies call.
using Oid = std::string_view;

Oid ToOid(der::Input in) { return Oid(reinterpret_cast<const char*>(in.data()), in.size()); }

// Sorted vectors in place of std::set/std::map: a path has a handful of
// policies, and node-based containers made this the costliest step of a
// warm (signature-cached) verification. Same order, same answers.
class OidSet {
 public:
  using const_iterator = const Oid*;
  OidSet() = default;
  OidSet(std::initializer_list<Oid> l) {
    for (Oid o : l) insert(o);
  }
  OidSet(const OidSet& o) { *this = o; }
  OidSet& operator=(const OidSet& o) {
    if (this == &o) return *this;
    n_ = o.n_;
    big_ = o.big_;
    std::copy(o.small_, o.small_ + (o.big_.empty() ? o.n_ : 0), small_);
    return *this;
  }
  OidSet(OidSet&& o) noexcept { *this = std::move(o); }
  OidSet& operator=(OidSet&& o) noexcept {
    if (this == &o) return *this;
    n_ = o.n_;
    big_ = std::move(o.big_);
    std::copy(o.small_, o.small_ + (big_.empty() ? o.n_ : 0), small_);
    o.n_ = 0;
    o.big_.clear();
    return *this;
  }

  void insert(Oid o) {
    const Oid* b = begin();
    const Oid* at = std::lower_bound(b, end(), o);
    if (at != end() && *at == o) return;
    const size_t pos = static_cast<size_t>(at - b);
    if (big_.empty() && n_ < kSmall) {
      std::copy_backward(small_ + pos, small_ + n_, small_ + n_ + 1);
      small_[pos] = o;
    } else {
      if (big_.empty()) big_.assign(small_, small_ + n_);
      big_.insert(big_.begin() + static_cast<std::ptrdiff_t>(pos), o);
    }
    ++n_;
  }
  template <typename It>
  void insert(It first, It last) {
    for (; first != last; ++first) insert(*first);
  }
  size_t count(Oid o) const { return std::binary_search(begin(), end(), o) ? 1 : 0; }
  bool empty() const { return n_ == 0; }
  size_t size() const { return n_; }
  const Oid* begin() const { return big_.empty() ? small_ : big_.data(); }
  const Oid* end() const { return begin() + n_; }

 private:
  // A path's policies are a handful: up to kSmall without an allocation.
  static constexpr size_t kSmall = 4;
  Oid small_[kSmall];
  size_t n_ = 0;
  std::vector<Oid> big_;  // all of them, once there are more than kSmall
};

struct Node {
  OidSet expected;  // expected_policy_set
  OidSet parents;   // valid_policy values of parents at depth - 1
};

// valid_policy -> node, sorted by valid_policy.
class Level {
 public:
  using value_type = std::pair<Oid, Node>;
  using iterator = std::vector<value_type>::iterator;
  using const_iterator = std::vector<value_type>::const_iterator;
  Level() = default;
  Level(std::initializer_list<value_type> l) {
    for (const value_type& e : l) emplace(e.first, e.second);
  }
  iterator find(Oid k) {
    auto it = Lower(k);
    return it != v_.end() && it->first == k ? it : v_.end();
  }
  const_iterator find(Oid k) const { return const_cast<Level*>(this)->find(k); }
  std::pair<iterator, bool> emplace(Oid k, Node n) {
    auto it = Lower(k);
    if (it != v_.end() && it->first == k) return {it, false};
    return {v_.insert(it, value_type(k, std::move(n))), true};
  }
  iterator erase(iterator it) { return v_.erase(it); }
  void erase(Oid k) {
    auto it = find(k);
    if (it != v_.end()) v_.erase(it);
  }
  void clear() { v_.clear(); }
  bool empty() const { return v_.empty(); }
  iterator begin() { return v_.begin(); }
  iterator end() { return v_.end(); }
  const_iterator begin() const { return v_.begin(); }
  const_iterator end() const { return v_.end(); }

 private:
  iterator Lower(Oid k) {
    return std::lower_bound(v_.begin(), v_.end(), k,
                            [](const value_type& e, Oid key) { return e.first < key; });
  }
  std::vector<value_type> v_;
};

class PolicyGraph {
 public:
  PolicyGraph(const std::vector<CertificatePtr>& path, const PolicyOptions& options, int* budget)
      : path_(path), options_(options), budget_(budget), n_(static_cast<int>(path.size()) - 1),
        any_(ToOid(oid::kAnyPolicy)) {}

  PolicyOutcome Run() {
    // 6.1.2 (a), (d)-(f).
    levels_.push_back(Level{{any_, Node{{any_}, {}}}});
    explicit_policy_ = options_.initial_explicit_policy ? 0 : n_ + 1;
    inhibit_any_ = options_.initial_inhibit_any_policy ? 0 : n_ + 1;
    policy_mapping_ = options_.initial_policy_mapping_inhibit ? 0 : n_ + 1;

    for (int i = 1; i <= n_; ++i) {
      const int index = n_ - i;  // position in path_ (0 = target)
      const Certificate& c = *path_[index];
      ProcessCertificate(i, c);
      if (exhausted_) return Exhausted(index);
      // 6.1.3 (f)
      if (explicit_policy_ == 0 && null_) {
        Fail(index, "policy.none_acceptable_on_path", Who(c) + " leaves no acceptable certificate policy while an explicit policy is required");
        return std::move(out_);
      }
      if (i < n_) {
        PrepareNext(i, c, index);
        if (exhausted_) return Exhausted(index);
        if (!out_.errors.empty()) return std::move(out_);
      }
    }
    WrapUp();
    return std::move(out_);
  }

 private:
  static std::string Who(const Certificate& c) { return "'" + c.DisplayName() + "'"; }

  void Fail(int index, std::string_view detail, std::string message) {
    out_.errors.push_back({VerifyErrorCode::kPolicy, index, std::move(message), detail});
  }

  PolicyOutcome Exhausted(int index) {
    out_.errors.push_back({VerifyErrorCode::kBudgetExhausted, index,
                           "certificate policy processing outgrew its budget (PathBudget::policy_graph_size)",
                           "budget.policy_graph_size"});
    out_.user_constrained_policy_set.clear();
    return std::move(out_);
  }

  bool Charge(int units = 1) {
    *budget_ -= units;
    if (*budget_ < 0) exhausted_ = true;
    return !exhausted_;
  }

  // 6.1.3 (d), (e).
  void ProcessCertificate(int i, const Certificate& c) {
    levels_.emplace_back();
    if (null_) return;
    const auto& policies = c->certificate_policies;
    if (!policies) {
      null_ = true;  // (e)
      levels_.back().clear();
      return;
    }
    const Level& prev = levels_[i - 1];
    Level& cur = levels_[i];
    const Node* prev_any = Find(prev, any_);
    bool asserts_any = false;
    // (d)(1)
    for (const PolicyInformation& pi : *policies) {
      const Oid p = ToOid(pi.oid);
      if (p == any_) {
        asserts_any = true;
        continue;
      }
      Node node{{p}, {}};
      for (const auto& [valid, parent] : prev) {
        if (parent.expected.count(p)) node.parents.insert(valid);
      }
      if (node.parents.empty() && prev_any) node.parents.insert(any_);
      if (node.parents.empty()) continue;
      if (!Charge(1 + static_cast<int>(node.parents.size()))) return;
      cur.emplace(p, std::move(node));
    }
    // (d)(2)
    const bool self_issued_ca = i < n_ && c.IsSelfIssued();
    if (asserts_any && (inhibit_any_ > 0 || self_issued_ca)) {
      for (const auto& [valid, parent] : prev) {
        for (const Oid& e : parent.expected) {
          auto it = cur.find(e);
          if (it != cur.end() && it->second.parents.count(valid)) continue;
          if (it == cur.end()) it = cur.emplace(e, Node{{e}, {}}).first;
          if (!Charge(2)) return;
          it->second.parents.insert(valid);
        }
      }
    }
    Prune(i);
  }

  // Deletes nodes above depth `depth` that have no child (6.1.3 (d)(3),
  // 6.1.4 (b)(2)), then notes whether the graph is NULL.
  void Prune(int depth) {
    for (int k = depth - 1; k >= 0; --k) {
      OidSet referenced;
      for (const auto& [valid, node] : levels_[k + 1]) referenced.insert(node.parents.begin(), node.parents.end());
      for (auto it = levels_[k].begin(); it != levels_[k].end();) {
        it = referenced.count(it->first) ? std::next(it) : levels_[k].erase(it);
      }
    }
    if (levels_[depth].empty()) null_ = true;
  }

  static const Node* Find(const Level& level, const Oid& p) {
    auto it = level.find(p);
    return it == level.end() ? nullptr : &it->second;
  }

  // 6.1.4 (a), (b), (h)-(j) for certificate i (not the last).
  void PrepareNext(int i, const Certificate& c, int index) {
    if (const auto& maps = c->policy_mappings) {
      // (a)
      for (const PolicyMapping& m : *maps) {
        if (ToOid(m.issuer_domain_policy) == any_ || ToOid(m.subject_domain_policy) == any_) {
          Fail(index, "policy.any_policy_mapped", Who(c) + " maps anyPolicy in its policyMappings (RFC 5280 6.1.4 (a))");
          return;
        }
      }
      // (b)
      std::vector<std::pair<Oid, OidSet>> mapped;  // sorted by issuerDomainPolicy
      for (const PolicyMapping& m : *maps) {
        const Oid idp = ToOid(m.issuer_domain_policy);
        auto at = std::lower_bound(mapped.begin(), mapped.end(), idp,
                                   [](const auto& e, Oid key) { return e.first < key; });
        if (at == mapped.end() || at->first != idp) at = mapped.insert(at, {idp, OidSet{}});
        at->second.insert(ToOid(m.subject_domain_policy));
      }
      if (!null_) {
        Level& cur = levels_[i];
        for (const auto& [idp, sdps] : mapped) {
          if (policy_mapping_ > 0) {
            auto it = cur.find(idp);
            if (it != cur.end()) {
              it->second.expected = sdps;
            } else if (const Node* any = Find(cur, any_)) {
              if (!Charge(1 + static_cast<int>(any->parents.size()))) return;
              cur.emplace(idp, Node{sdps, any->parents});
            }
          } else {
            cur.erase(idp);
          }
        }
        if (policy_mapping_ == 0) Prune(i);
      }
    }
    // (h)
    if (!c.IsSelfIssued()) {
      if (explicit_policy_ > 0) --explicit_policy_;
      if (policy_mapping_ > 0) --policy_mapping_;
      if (inhibit_any_ > 0) --inhibit_any_;
    }
    // (i)
    if (const auto& pc = c->policy_constraints) {
      if (pc->require_explicit_policy && *pc->require_explicit_policy < explicit_policy_) {
        explicit_policy_ = *pc->require_explicit_policy;
      }
      if (pc->inhibit_policy_mapping && *pc->inhibit_policy_mapping < policy_mapping_) {
        policy_mapping_ = *pc->inhibit_policy_mapping;
      }
    }
    // (j)
    if (c->inhibit_any_policy && *c->inhibit_any_policy < inhibit_any_) inhibit_any_ = *c->inhibit_any_policy;
  }

  // 6.1.5 (a), (b), (g) and the final test.
  void WrapUp() {
    if (explicit_policy_ > 0) --explicit_policy_;                               // (a)
    if (n_ >= 1) {
      const auto& pc = path_[0]->parsed().policy_constraints;                  // (b)
      if (pc && pc->require_explicit_policy && *pc->require_explicit_policy == 0) explicit_policy_ = 0;
    }
    // (g): the authority-constrained policies that reach depth n.
    OidSet authority;
    if (!null_) {
      for (size_t k = 1; k < levels_.size(); ++k) {
        for (const auto& [valid, node] : levels_[k]) {
          // anyPolicy counts only where it reaches depth n: above that, it
          // stands for the policies its children carry.
          if (valid == any_ && k + 1 != levels_.size()) continue;
          if (node.parents.count(any_)) authority.insert(valid);
        }
      }
      if (n_ == 0) authority.insert(any_);
    }
    OidSet user;
    for (const auto& p : options_.initial_policy_set) {
      user.insert(Oid(reinterpret_cast<const char*>(p.data()), p.size()));
    }
    if (user.empty()) user.insert(any_);
    OidSet result;
    if (user.count(any_)) {
      result = authority;
    } else if (authority.count(any_)) {
      result = user;
    } else {
      for (const Oid& p : authority) {
        if (user.count(p)) result.insert(p);
      }
    }
    for (const Oid& p : result) out_.user_constrained_policy_set.emplace_back(p.begin(), p.end());
    if (explicit_policy_ == 0 && result.empty()) {
      const Certificate& leaf = *path_[0];
      const bool none = null_ || authority.empty();
      Fail(0, none ? "policy.explicit_none_valid" : "policy.explicit_none_acceptable",
           none
                  ? Who(leaf) + " is not valid for any certificate policy while an explicit policy is required"
                  : Who(leaf) + " is valid for none of the acceptable certificate policies");
    }
  }

  const std::vector<CertificatePtr>& path_;
  const PolicyOptions& options_;
  int* budget_;
  const int n_;
  const Oid any_;
  std::vector<Level> levels_;
  bool null_ = false;
  bool exhausted_ = false;
  int explicit_policy_ = 0;
  int inhibit_any_ = 0;
  int policy_mapping_ = 0;
  PolicyOutcome out_;
};

}  // namespace

PolicyOutcome ProcessPolicies(const std::vector<CertificatePtr>& path, const PolicyOptions& options,
                              int* graph_budget) {
  if (path.empty()) return {};
  return PolicyGraph(path, options, graph_budget).Run();
}

}  // namespace trustready::verify_internal
