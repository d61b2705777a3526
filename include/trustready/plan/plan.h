// Migration planning: which platform versions trust the chain a server sends
// today (old) and the one it will send (new), which of them break, from
// which version each platform works, and which servable chain (the new leaf
// plus its intermediates and cross-certificates) keeps the most versions
// working, at what cost in handshake bytes.
//
// Judging one chain against every snapshot does not verify it once per
// snapshot. PlanEvaluator builds one TrustStore holding every anchor of the
// selected snapshots; one VerifyChain call finds every path from the leaf to
// any of them, and each path (so each distinct anchor it ends in) is
// validated once. A snapshot's verdict is then set arithmetic: does it trust
// the path's anchor, does it block a certificate on the path, does its
// distrust-after date for the anchor precede the leaf's notBefore, and does
// its client behaviour accept the path's errors (Android < 7.1.1 accepts an
// expired anchor). Signatures are cached across chains.
//
// Leaves are reissued often: the leaf's own validity is reported but never
// decides a cell; everything above it is judged at PlanOptions::at.
//
// Client profiles (behaviors.json "clients": OpenSSL 1.0.x, OpenSSL 1.1+,
// curl) are judged too, each against the newest snapshot of the platform
// whose store it uses, and reported apart from the snapshot matrix. A
// first_path_only client (OpenSSL 1.0.x) judges only the chain OpenSSL 1.0.x
// builds: the served certificates followed in order as long as one issues
// the previous, then the store; if that path fails, the client fails even
// when a shorter path to another trusted root exists.
//
// Not modelled: AIA fetching of certificates the user did not supply: for
// clients that fetch AIA, the certificates given anywhere on the command
// line stand in for what AIA would fetch.
#ifndef TRUSTREADY_PLAN_H_
#define TRUSTREADY_PLAN_H_

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "trustready/x509/certificate.h"
#include "trustready/x509/time.h"
#include "trustready/store/platform_stores.h"
#include "trustready/base/result.h"
#include "trustready/store/trust_store.h"

namespace trustready {

class SignatureCache;

struct PlanOptions {
  UnixTime at = 0;              // 0: now
  std::string platforms = "all";  // SelectSnapshots spec
  // Upper bound on the servable chains considered for the recommendation
  // (leaf + every issuer sequence through intermediates and candidates).
  // Real candidate sets give a handful; the bound keeps hostile input fast.
  int max_candidate_chains = 256;
  std::string data_dir;  // platform data; empty: the shipped data
};

struct PlanCell {
  const PlatformSnapshot* snapshot = nullptr;
  bool trusted = false;
  // Why not (a VerifyErrorCodeName: UNKNOWN_ISSUER, EXPIRED, DISTRUSTED...),
  // or, when trusted, the anchor's display name.
  std::string detail;
};

struct ChainEvaluation {
  std::vector<CertificatePtr> chain;  // as served, leaf first
  std::vector<PlanCell> cells;        // one per selected snapshot, in data order
  size_t working = 0;
  std::vector<PlanCell> client_cells;  // one per client profile
  size_t clients_working = 0;
  size_t bytes = 0;                   // DER bytes of the served chain
};

class PlanEvaluator {
 public:
  static Result<std::unique_ptr<PlanEvaluator>> Create(const PlanOptions& options);
  ~PlanEvaluator();

  // `served`: leaf first, then what the server sends. `aia_pool`: extra
  // certificates clients that fetch AIA may use.
  ChainEvaluation Evaluate(const std::vector<CertificatePtr>& served,
                           const std::vector<CertificatePtr>& aia_pool);

  // Forgets every signature result: the next Evaluate verifies anew (what a
  // first run after loading costs).
  void ResetSignatureCache();

  const std::vector<const PlatformSnapshot*>& snapshots() const { return snapshots_; }
  // Client profiles as snapshots: platform "client", version the profile
  // name, the store of the newest snapshot of its platform.
  const std::vector<PlatformSnapshot>& clients() const { return clients_; }
  size_t distinct_anchors() const { return union_store_.size(); }
  UnixTime at() const { return at_; }

 private:
  PlanEvaluator() = default;
  std::shared_ptr<const PlatformData> data_;
  std::vector<const PlatformSnapshot*> snapshots_;
  // Per snapshot: data index -> trusted? / blocked? (bitmaps over indexes).
  std::vector<std::vector<bool>> trusted_, blocked_;  // snapshots_, then clients_
  std::vector<PlatformSnapshot> clients_;
  std::unordered_map<Sha256, uint32_t, Sha256Hash> index_;
  TrustStore union_store_;
  UnixTime at_ = 0;
  std::unique_ptr<SignatureCache> cache_;
};

struct PlanResult {
  std::vector<const PlatformSnapshot*> snapshots;
  std::vector<PlatformSnapshot> clients;  // client profiles judged (see PlanEvaluator)
  UnixTime at = 0;
  ChainEvaluation old_chain, new_chain, recommended;
  size_t candidates_considered = 0;
  long added_bytes = 0;  // recommended.bytes - new_chain.bytes
  // Snapshots that trust old but not new.
  std::vector<const PlatformSnapshot*> breaking;
  struct PlatformSummary {
    std::string platform;
    std::string first_working;  // first snapshot trusting the new chain ("" if none)
    std::string works_from;     // start of the run that lasts to the newest snapshot
    size_t snapshots = 0, working_old = 0, working_new = 0, working_recommended = 0;
  };
  std::vector<PlatformSummary> platforms;
  struct LeafInfo {
    std::string name;
    UnixTime not_before = 0, not_after = 0;
    bool valid_at = false;  // at PlanResult::at; reported, never deciding
  };
  LeafInfo old_leaf, new_leaf;
};

// `old_chain`/`new_chain`: leaf first as the server sends them.
// `candidates`: cross-certificates and alternative intermediates, beside the
// certificates of `old_chain` and `new_chain` above their leaves, which are
// always candidates.
Result<PlanResult> Plan(const std::vector<CertificatePtr>& old_chain,
                        const std::vector<CertificatePtr>& new_chain,
                        const std::vector<CertificatePtr>& candidates, const PlanOptions& options);

// `plan` as the command line gives it: chain files and the time as text.
// PlanFiles reads them in this order, each error naming its input (the file,
// "--at TIME: ..."), then runs Plan (its errors named "plan: ...").
struct PlanRequest {
  std::string old_chain;                // file: the chain served today, leaf first
  std::string new_chain;                // file: the chain to serve next
  std::vector<std::string> candidates;  // files of more certificates
  std::string platforms = "all";        // SelectSnapshots spec
  std::string at;                       // YYYY-MM-DD or RFC 3339; empty: now
};
Result<PlanResult> PlanFiles(const PlanRequest& request);

// The --json document and the text form are rendered by report/plan_report.h,
// the HTML page by plan_html.h.
}  // namespace trustready

#endif  // TRUSTREADY_PLAN_H_
