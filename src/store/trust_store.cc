// The TrustStore model: anchors deduplicated by certificate SHA-256, with
// hash-map indexes by SHA-256, normalised subject and SPKI SHA-256.
#include "trustready/store/trust_store.h"

#include <algorithm>
#include <utility>

namespace trustready {

std::string PurposeName(Purpose p) {
  switch (p) {
    case Purpose::kServerAuth: return "server-auth";
    case Purpose::kClientAuth: return "client-auth";
    case Purpose::kEmailProtection: return "email";
    case Purpose::kCodeSigning: return "code-signing";
  }
  return "unknown";
}

std::vector<std::string> PurposeNames(uint8_t purposes) {
  std::vector<std::string> out;
  for (Purpose p : {Purpose::kServerAuth, Purpose::kClientAuth, Purpose::kEmailProtection,
                    Purpose::kCodeSigning}) {
    if (purposes & static_cast<uint8_t>(p)) out.push_back(PurposeName(p));
  }
  return out;
}

namespace {

// Of two distrust-after dates the earlier is the stricter; a store that has
// one for a certificate keeps it when the duplicate has none.
std::optional<UnixTime> Earlier(std::optional<UnixTime> a, std::optional<UnixTime> b) {
  if (!a) return b;
  if (!b) return a;
  return std::min(*a, *b);
}

}  // namespace

bool TrustStore::Add(TrustAnchor anchor) {
  if (!anchor.cert) return false;
  auto it = by_sha256_.find(anchor.cert->sha256());
  if (it != by_sha256_.end()) {
    // Merge: a certificate listed twice is trusted for the union of the
    // purposes, but an explicit distrust anywhere wins (as NSS and OpenSSL
    // treat a reject entry).
    TrustAttributes& t = anchors_[it->second].trust;
    t.purposes |= anchor.trust.purposes;
    t.distrusted = t.distrusted || anchor.trust.distrusted;
    t.server_distrust_after = Earlier(t.server_distrust_after, anchor.trust.server_distrust_after);
    t.email_distrust_after = Earlier(t.email_distrust_after, anchor.trust.email_distrust_after);
    t.ignore_anchor_expiry = t.ignore_anchor_expiry || anchor.trust.ignore_anchor_expiry;
    return false;
  }
  size_t index = anchors_.size();
  by_sha256_.emplace(anchor.cert->sha256(), index);
  by_subject_.emplace(anchor.cert->NormalizedSubject(), index);
  by_spki_.emplace(anchor.cert->spki_sha256(), index);
  anchors_.push_back(std::move(anchor));
  return true;
}

bool TrustStore::Remove(const Sha256& sha256) {
  auto it = by_sha256_.find(sha256);
  if (it == by_sha256_.end()) return false;
  anchors_.erase(anchors_.begin() + static_cast<std::ptrdiff_t>(it->second));
  Reindex();
  return true;
}

void TrustStore::Reindex() {
  by_sha256_.clear();
  by_subject_.clear();
  by_spki_.clear();
  by_sha256_.reserve(anchors_.size());
  for (size_t i = 0; i < anchors_.size(); ++i) {
    const Certificate& c = *anchors_[i].cert;
    by_sha256_.emplace(c.sha256(), i);
    by_subject_.emplace(c.NormalizedSubject(), i);
    by_spki_.emplace(c.spki_sha256(), i);
  }
}

const TrustAnchor* TrustStore::FindBySha256(const Sha256& sha256) const {
  auto it = by_sha256_.find(sha256);
  return it == by_sha256_.end() ? nullptr : &anchors_[it->second];
}

std::vector<const TrustAnchor*> TrustStore::FindBySubject(
    const std::string& normalized_subject) const {
  std::vector<const TrustAnchor*> out;
  auto [b, e] = by_subject_.equal_range(normalized_subject);
  for (auto it = b; it != e; ++it) out.push_back(&anchors_[it->second]);
  // Insertion order, so results are deterministic regardless of hashing.
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<const TrustAnchor*> TrustStore::FindBySpki(const Sha256& spki_sha256) const {
  std::vector<const TrustAnchor*> out;
  auto [b, e] = by_spki_.equal_range(spki_sha256);
  for (auto it = b; it != e; ++it) out.push_back(&anchors_[it->second]);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace trustready
