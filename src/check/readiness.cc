// Store readiness against a migration profile. See include/trustready/check/check.h.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <set>

#include "trustready/check/check.h"
#include "trustready/x509/pem.h"
#include "trustready/store/platform_stores.h"
#include "trustready/store/store_open.h"
#include "trustready/verify/client_behavior.h"

namespace trustready {
namespace {

bool StartsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

std::string ReplaceAll(std::string s, const std::string& from, const std::string& to) {
  for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) {
    s.replace(pos, from.size(), to);
  }
  return s;
}

// Quotes a path for a shell command line when it needs it.
std::string ShellWord(const std::string& s) {
  if (!s.empty() && s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+:=@") ==
                        std::string::npos) {
    return s;
  }
  return "'" + ReplaceAll(s, "'", "'\\''") + "'";
}

bool PathHasCross(const MigrationProfile& profile, const std::vector<CertificatePtr>& path) {
  // Index 0 is the issuing CA judged; the anchor (last) is whatever the
  // store holds. A cross-certificate in between means the path depends on it.
  for (size_t i = 1; i + 1 < path.size(); ++i) {
    for (const auto& c : profile.cross_certificates) {
      if (c.cert->sha256() == path[i]->sha256()) return true;
    }
  }
  return false;
}

// Display name, preferring the profile's name for its roots.
std::string NameOf(const MigrationProfile& profile, const Certificate& c) {
  for (const ProfileRoot& r : profile.roots) {
    if (r.cert->spki_sha256() == c.spki_sha256() && r.cert->NormalizedSubject() == c.NormalizedSubject()) {
      return r.name;
    }
  }
  return c.DisplayName();
}

// keytool of the JDK whose cacerts this is (JAVA_HOME/lib/security/cacerts
// -> JAVA_HOME/bin/keytool, which an image may not have on PATH), else the
// one on PATH.
std::string KeytoolFor(const std::string& store_path) {
  const std::string tail = "/lib/security/cacerts";
  if (store_path.size() > tail.size() && store_path.compare(store_path.size() - tail.size(), tail.size(), tail) == 0) {
    return store_path.substr(0, store_path.size() - tail.size()) + "/bin/keytool";
  }
  return "keytool";
}

std::string BaseName(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// The alias a keytool fix gives `root` in `store`: the profile's alias,
// unless the keystore already has an entry by that name (keytool would
// refuse the import); then that alias with the root's fingerprint, which
// names this certificate only, and a counter if even that is taken. Java
// compares keystore aliases case-insensitively (JKS and PKCS#12 both
// lowercase them), so this does too.
std::string KeystoreAlias(const ProfileRoot& root, const TrustStore& store) {
  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  std::set<std::string> taken;
  for (const std::string& a : store.entry_aliases()) taken.insert(lower(a));
  std::string alias = root.alias;
  if (!taken.count(lower(alias))) return alias;
  alias = root.alias + "-" + root.cert->Sha256Hex().substr(0, 8);
  for (int n = 2; taken.count(lower(alias)); ++n) {
    alias = root.alias + "-" + root.cert->Sha256Hex().substr(0, 8) + "-" + std::to_string(n);
  }
  return alias;
}

// Fills a profile's remediation templates (docs/profiles.md) for one store.
// Lines starting with "or " are advice (Remediation::advice); every other
// line is a command. A line naming {root_*} is repeated for each root to
// add. A store in a file tree uses the "tree:KIND" templates: Dockerfile
// lines for that system.
void RenderRemediation(const MigrationProfile& profile, const CheckedStore& store,
                       const std::vector<const ProfileRoot*>& roots, const std::string& first_ready,
                       const std::string& first_ready_java, Remediation* out) {
  auto it = profile.remediation.end();
  if (store.in_tree) {
    it = profile.remediation.find("tree:" + std::string(StoreKindName(store.kind)));
    if (it == profile.remediation.end()) it = profile.remediation.find("tree:any");
  } else {
    it = profile.remediation.find(std::string(StoreKindName(store.kind)));
    if (it == profile.remediation.end()) it = profile.remediation.find("any");
  }
  if (it == profile.remediation.end()) return;
  std::string root_files, roots_dir;
  for (const ProfileRoot* r : roots) {
    root_files += (root_files.empty() ? "" : " ") + ShellWord(r->file);
    const size_t slash = r->file.rfind('/');
    if (roots_dir.empty() && slash != std::string::npos) roots_dir = r->file.substr(0, slash);
  }
  if (!store.password_known) {
    out->advice.push_back("the commands need the keystore's password (changeit does not open it): check again with "
                          "--store " + ShellWord(store.location) + " --password PASSWORD for them in full");
  }
  auto add = [&](std::vector<std::string>* to, const std::string& line) {
    if (std::find(to->begin(), to->end(), line) == to->end()) to->push_back(line);
  };
  for (const std::string& tmpl : it->second) {
    const std::string& path = store.fix_location.empty() ? store.location : store.fix_location;
    std::string line = ReplaceAll(tmpl, "{store_path}", ShellWord(path));
    line = ReplaceAll(line, "{store_name}", store.store.name());
    line = ReplaceAll(line, "{store_password}", store.password_known ? ShellWord(store.password) : "PASSWORD");
    line = ReplaceAll(line, "{keytool}", ShellWord(KeytoolFor(path)));
    line = ReplaceAll(line, "{roots_dir}", ShellWord(roots_dir));
    line = ReplaceAll(line, "{root_files}", root_files);
    line = ReplaceAll(line, "{node_extra_ca_certs}", ShellWord(store.node_extra_ca_certs));
    line = ReplaceAll(line, "{first_ready}", first_ready.empty() ? "no version in the data is ready yet" : first_ready);
    line = ReplaceAll(line, "{first_ready_java}",
                      first_ready_java.empty() ? "no shipped OpenJDK snapshot is ready" : first_ready_java);
    const bool advice = line.rfind("or ", 0) == 0;
    if (advice) line = line.substr(3);
    std::vector<std::string>* to = advice ? &out->advice : &out->commands;
    if (line.find("{root_") == std::string::npos) {
      add(to, line);
      continue;
    }
    for (const ProfileRoot* r : roots) {
      char hash[9];
      std::snprintf(hash, sizeof(hash), "%08x", r->cert->SubjectHash());
      std::string l = ReplaceAll(line, "{root_file}", ShellWord(r->file));
      l = ReplaceAll(l, "{root_base}", ShellWord(BaseName(r->file)));
      l = ReplaceAll(l, "{root_alias}", KeystoreAlias(*r, store.store));
      l = ReplaceAll(l, "{root_name}", r->name);
      l = ReplaceAll(l, "{root_hash}", hash);
      add(to, l);
    }
  }
}

}  // namespace

CheckedStore DescribeStore(TrustStore store, const DiscoveredStore* discovered) {
  CheckedStore out;
  out.location = discovered != nullptr ? discovered->location : store.source();
  out.description = discovered != nullptr ? discovered->description : "";
  const StoreFormat fmt = store.format();
  const std::string& name = store.name();
  if (fmt == StoreFormat::kPlatform) {
    out.kind = StoreKind::kPlatform;
    out.description = "platform snapshot";
    auto data = LoadPlatformData();
    if (data.ok()) {
      if (const PlatformSnapshot* snap = (*data)->Find(name)) {
        // "platform snapshot of 2011-10-19, aosp@a49c9e3f": the location
        // (data/platforms) says nothing the name does not.
        const size_t at = snap->source.find('@');
        out.description = "platform snapshot of " + snap->date + ", " +
                          (at == std::string::npos ? snap->source : snap->source.substr(0, at + 9));
        out.location = name;
      }
    }
  } else if ((fmt == StoreFormat::kJks || fmt == StoreFormat::kPkcs12) &&
             (out.location == "/etc/pki/java/cacerts" || out.location == "/etc/pki/ca-trust/extracted/java/cacerts")) {
    // RHEL/Fedora's Java cacerts is written by update-ca-trust from the
    // system's anchors (p11-kit extract --format=java-cacerts): a keytool
    // import is lost at the next update, the system fix is not.
    out.kind = StoreKind::kRhelSystem;
  } else if ((fmt == StoreFormat::kJks || fmt == StoreFormat::kPkcs12) &&
             out.location == "/var/lib/ca-certificates/java-cacerts") {
    // SUSE's, written by update-ca-certificates (java.run) the same way.
    out.kind = StoreKind::kSuseSystem;
  } else if (fmt == StoreFormat::kJks || fmt == StoreFormat::kJceks) {
    out.kind = StoreKind::kJks;
  } else if (fmt == StoreFormat::kPkcs12) {
    out.kind = StoreKind::kPkcs12;
  } else if (fmt == StoreFormat::kNode) {
    out.kind = StoreKind::kNode;
  } else if (fmt == StoreFormat::kNss) {
    out.kind = StoreKind::kNss;
  } else if (name == "certifi") {
    out.kind = StoreKind::kCertifi;
  } else if (name == "system" || name == "system-dir") {
    const std::string& loc = out.location;
    if (StartsWith(loc, "/etc/pki/")) {
      out.kind = StoreKind::kRhelSystem;
    } else if (StartsWith(loc, "/var/lib/ca-certificates") || loc == "/etc/ssl/ca-bundle.pem") {
      out.kind = StoreKind::kSuseSystem;
    } else if (StartsWith(loc, "/etc/ssl/")) {
      out.kind = StoreKind::kDebianSystem;
    } else {
      out.kind = fmt == StoreFormat::kDirectory ? StoreKind::kDirectory : StoreKind::kPem;
    }
  } else if (fmt == StoreFormat::kDirectory) {
    out.kind = StoreKind::kDirectory;
  } else if (fmt == StoreFormat::kPem || fmt == StoreFormat::kDer) {
    // A DER file holds one certificate: `store add` rewrites it as a PEM
    // bundle (the remediation says so).
    out.kind = fmt == StoreFormat::kDer ? StoreKind::kDer : StoreKind::kPem;
  } else {
    out.kind = StoreKind::kAny;
  }
  out.behavior = ClientBehaviorOf(store);
  out.store = std::move(store);
  return out;
}

bool PathHoldsPin(const std::vector<CertificatePtr>& path, const std::vector<SpkiPin>& pins) {
  for (const auto& c : path) {
    for (const auto& p : pins) {
      if (c->spki_sha256() == p.spki_sha256) return true;
    }
  }
  return false;
}

Result<SpkiPin> ParseSpkiPin(const std::string& text) {
  std::string t = text;
  while (!t.empty() && (t.back() == ' ' || t.back() == '\r' || t.back() == '\t')) t.pop_back();
  size_t start = t.find_first_not_of(" \t");
  t = start == std::string::npos ? "" : t.substr(start);
  if (t.rfind("pin-sha256=", 0) == 0) {  // HPKP header spelling
    t = t.substr(11);
    if (t.size() >= 2 && t.front() == '"' && t.back() == '"') t = t.substr(1, t.size() - 2);
    t = "sha256/" + t;
  }
  if (t.rfind("sha256/", 0) != 0) {
    return MakeError(ErrorKind::kInvalidArgument, "pin '" + text + "': expected sha256/BASE64");
  }
  auto raw = Base64Decode(t.substr(7));
  if (!raw.ok() || raw->size() != 32) {
    return MakeError(ErrorKind::kInvalidArgument,
                     "pin '" + text + "': not the base64 of a 32-byte SHA-256 digest");
  }
  SpkiPin pin;
  pin.text = t;
  std::copy(raw->begin(), raw->end(), pin.spki_sha256.begin());
  return pin;
}

Result<std::vector<SpkiPin>> LoadSpkiPins(const std::string& path) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.error();
  std::vector<SpkiPin> out;
  size_t line_no = 0, pos = 0;
  while (pos <= text->size()) {
    size_t nl = text->find('\n', pos);
    std::string line = text->substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? text->size() + 1 : nl + 1;
    ++line_no;
    if (size_t hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto pin = ParseSpkiPin(line);
    if (!pin.ok()) {
      return MakeError(ErrorKind::kFormat, path + ":" + std::to_string(line_no) + ": " + pin.error().message);
    }
    out.push_back(*pin);
  }
  if (out.empty()) return MakeError(ErrorKind::kFormat, path + ": no pins in the file");
  return out;
}

namespace {

StoreReadiness CheckStoreReadinessImpl(const MigrationProfile& profile, const CheckedStore& cs,
                                       const CheckOptions& options, bool look_for_upgrade) {
  StoreReadiness out;
  out.store = cs.store.name().empty() ? cs.store.source() : cs.store.name();
  out.kind = cs.kind;
  out.location = cs.location;
  out.description = cs.description;
  out.anchor_count = cs.store.size();

  for (const ProfileRoot& root : profile.roots) {
    AnchorCheck a;
    a.root = &root;
    if (const TrustAnchor* t = cs.store.FindBySha256(root.cert->sha256())) {
      a.presence = AnchorPresence::kExact;
      a.source = t->source;
      a.distrusted = t->trust.distrusted || !t->trust.Trusts(Purpose::kServerAuth);
    } else {
      for (const TrustAnchor* t : cs.store.FindBySpki(root.cert->spki_sha256())) {
        if (t->cert->NormalizedSubject() != root.cert->NormalizedSubject()) continue;
        a.presence = AnchorPresence::kSameKey;
        a.source = t->source;
        a.distrusted = t->trust.distrusted || !t->trust.Trusts(Purpose::kServerAuth);
        break;
      }
    }
    out.anchors.push_back(a);
  }

  const std::vector<CertificatePtr> pool = profile.Pool();
  VerifyOptions vo;
  vo.time = options.time == 0 ? Now() : options.time;
  vo.purpose = VerifyPurpose::kServerAuth;
  vo.target_is_ca = true;
  vo.client = cs.behavior;
  bool ready = true;
  bool pins_ok = true;
  std::vector<const ProfileRoot*> to_add;
  for (const ProfileHierarchy& h : profile.hierarchies) {
    HierarchyCheck hc;
    hc.hierarchy = &h;
    bool pinned_all = true;
    for (const CertificatePtr& ca : h.issuing_cas) {
      VerifyResult r = VerifyChain(ca, pool, cs.store, vo, options.cache);
      IssuingCaCheck ic;
      ic.ca = ca;
      ic.valid = r.trusted;
      if (const VerifiedPath* p = r.ValidPath()) {
        ic.path = p->certificates;
        ic.via_cross = PathHasCross(profile, ic.path);
        if (!options.pins.empty()) pinned_all &= PathHoldsPin(ic.path, options.pins);
        if (hc.valid_cas == 0) {
          hc.anchor_name = NameOf(profile, *ic.path.back());
          hc.via_cross = ic.via_cross;
          for (const auto& c : ic.path) hc.path_names.push_back(NameOf(profile, *c));
        }
        ++hc.valid_cas;
      } else {
        ic.error = r.most_specific;
        if (hc.error.message.empty() || VerifyErrorRank(r.most_specific.code) > VerifyErrorRank(hc.error.code)) {
          hc.error = r.most_specific;
        }
        pinned_all = false;
      }
      hc.cas.push_back(std::move(ic));
    }
    hc.valid = hc.valid_cas == static_cast<int>(h.issuing_cas.size());
    if (!options.pins.empty()) hc.pinned = hc.valid && pinned_all;
    if (h.required && !hc.valid) {
      ready = false;
      // The hierarchy's root is offered only when the store lacks it and,
      // alone as the anchor, it makes every issuing CA validate (whatever
      // the store's own failure was: no path, a rejected anchor, an expired
      // cross-certificate). Otherwise the failure is a blocker, said as it
      // is: CAs expired at the time checked, a held root distrusted.
      const ProfileRoot* r = profile.FindRoot(h.root_id);
      const AnchorCheck* held = nullptr;
      for (const AnchorCheck& a : out.anchors) {
        if (r != nullptr && a.root == r && a.presence != AnchorPresence::kAbsent) held = &a;
      }
      if (r != nullptr && held == nullptr) {
        TrustStore with_root("probe", StoreFormat::kPem, r->file);
        with_root.Add({r->cert, {}, r->file});
        std::string still;
        for (const CertificatePtr& ca : h.issuing_cas) {
          VerifyResult pr = VerifyChain(ca, pool, with_root, vo, options.cache);
          if (!pr.trusted) {
            still = std::string(VerifyErrorCodeName(pr.most_specific.code)) + ": " + pr.most_specific.message;
            break;
          }
        }
        if (still.empty()) {
          if (std::find(to_add.begin(), to_add.end(), r) == to_add.end()) to_add.push_back(r);
        } else {
          out.remediation.blockers.push_back(h.title + ": even with " + r->name + " added, " + still +
                                             " (no trust-store change fixes this)");
        }
      } else if (held != nullptr && held->distrusted) {
        out.remediation.blockers.push_back(h.title + ": " + r->name +
                                           " is in this store but not trusted for server authentication; "
                                           "restore its server-authentication trust");
      } else {
        // The root is held and usable: what fails is below it.
        for (const IssuingCaCheck& ic : hc.cas) {
          if (ic.valid) continue;
          out.remediation.blockers.push_back(h.title + ": " + std::string(VerifyErrorCodeName(ic.error.code)) +
                                             ": " + ic.error.message + " (no trust-store change fixes this)");
          break;
        }
      }
    }
    if (h.required && hc.pinned.has_value() && !*hc.pinned) pins_ok = false;
    out.hierarchies.push_back(std::move(hc));
  }
  // "No path" is the usual failure; the builder's most specific error then
  // names wherever the longest partial path stopped, which may be a
  // cross-certificate the user never heard of. Say instead which of the
  // profile's roots would make the hierarchy work.
  for (HierarchyCheck& hc : out.hierarchies) {
    if (hc.valid || hc.error.code != VerifyErrorCode::kUnknownIssuer) continue;
    std::string accepted;
    for (const ProfileRoot& root : profile.roots) {
      TrustStore only("probe", StoreFormat::kPem, root.file);
      only.Add({root.cert, {}, root.file});
      VerifyResult r = VerifyChain(hc.hierarchy->issuing_cas.front(), pool, only, vo, options.cache);
      if (r.trusted) accepted += (accepted.empty() ? "" : ", ") + root.name;
    }
    hc.error.message = "no path from " + hc.hierarchy->issuing_cas.front()->DisplayName() +
                       " to an anchor of this store" +
                       (accepted.empty() ? std::string() : "; any one of these roots would do: " + accepted);
    hc.error.certificate = 0;
  }
  if (!options.pins.empty()) out.pins_ok = pins_ok;
  out.ready = ready && pins_ok;
  out.state = out.ready ? StoreState::kReady : StoreState::kNotReady;
  out.notes = cs.store.notes();
  if (!out.ready) {
    out.remediation.roots_to_add = to_add;
    if (!to_add.empty()) {
      std::string first_ready, first_ready_java;
      if (cs.kind == StoreKind::kPlatform && look_for_upgrade) first_ready = FirstReadyPlatformVersion(profile, out.store, options);
      if ((cs.kind == StoreKind::kJks || cs.kind == StoreKind::kPkcs12) && look_for_upgrade) {
        first_ready_java = FirstReadyRelease(profile, "openjdk", options);
      }
      RenderRemediation(profile, cs, to_add, first_ready, first_ready_java, &out.remediation);
    }
    if (!pins_ok) {
      // The application's pins miss the new paths: pin the profile's roots.
      std::string line = "update the application's SPKI pins to include the profile's roots:";
      for (const ProfileRoot& r : profile.roots) {
        line += " sha256/" + Base64Encode(der::Input(r.cert->spki_sha256().data(), 32));
      }
      out.remediation.commands.push_back(line);
    }
    // A store that holds what it needs where its clients cannot see it
    // (a folder never rehashed) is fixed by making it visible, first.
    // In another system's tree the fix is a Dockerfile line (the note's
    // path is already the one inside the tree).
    std::vector<std::string> first;
    for (const StoreNote& n : out.notes) {
      if (n.fix.empty()) continue;
      const std::string fix = cs.in_tree ? "RUN " + n.fix : n.fix;
      if (std::find(first.begin(), first.end(), fix) == first.end()) first.push_back(fix);
    }
    out.remediation.commands.insert(out.remediation.commands.begin(), first.begin(), first.end());
    out.remediation.alternatives = profile.alternatives;
  }
  return out;
}

}  // namespace

StoreReadiness CheckStoreReadiness(const MigrationProfile& profile, const CheckedStore& store,
                                   const CheckOptions& options) {
  return CheckStoreReadinessImpl(profile, store, options, true);
}

std::string_view StoreStateName(StoreState state) {
  switch (state) {
    case StoreState::kReady: return "ready";
    case StoreState::kNotReady: return "not_ready";
    case StoreState::kUnknown: break;
  }
  return "unknown";
}

StoreReadiness UnknownStoreReadiness(const SelectedStore& s) {
  StoreReadiness out;
  out.store = s.name;
  out.location = s.location;
  out.description = s.discovered ? s.discovered->description : "";
  // The remediation kinds of DescribeStore, as far as the unread store's
  // discovery says.
  const StoreFormat k = s.kind;
  out.kind = k == StoreFormat::kJks         ? StoreKind::kJks
             : k == StoreFormat::kPkcs12    ? StoreKind::kPkcs12
             : k == StoreFormat::kNode      ? StoreKind::kNode
             : k == StoreFormat::kNss       ? StoreKind::kNss
             : k == StoreFormat::kPem       ? StoreKind::kPem
             : k == StoreFormat::kDirectory ? StoreKind::kDirectory
                                            : StoreKind::kAny;
  out.state = StoreState::kUnknown;
  out.ready = false;
  out.unknown_reason = s.error.ToString();
  out.unknown_error = s.error;
  out.unknown_fix = s.fix;
  return out;
}

std::string FirstReadyPlatformVersion(const MigrationProfile& profile, const std::string& snapshot_name,
                                      const CheckOptions& options) {
  auto data = LoadPlatformData();
  if (!data.ok()) return "";
  const PlatformSnapshot* current = (*data)->Find(snapshot_name);
  if (current == nullptr) return "";
  CheckOptions quiet = options;
  quiet.pins.clear();
  SignatureCache cache;
  if (quiet.cache == nullptr) quiet.cache = &cache;
  for (const PlatformSnapshot& snap : (*data)->snapshots) {
    if (snap.platform != current->platform || &snap == current) continue;
    if (snap.date < current->date) continue;
    CheckedStore cs = DescribeStore(SnapshotStore(**data, snap), nullptr);
    if (CheckStoreReadinessImpl(profile, cs, quiet, false).ready) return snap.name + " or later";
  }
  return "";
}

std::string FirstReadyRelease(const MigrationProfile& profile, const std::string& platform,
                              const CheckOptions& options) {
  auto data = LoadPlatformData();
  if (!data.ok()) return "";
  std::vector<const PlatformSnapshot*> snaps;
  for (const PlatformSnapshot& snap : (*data)->snapshots) {
    if (snap.platform == platform) snaps.push_back(&snap);
  }
  std::stable_sort(snaps.begin(), snaps.end(),
                   [](const PlatformSnapshot* a, const PlatformSnapshot* b) { return a->date < b->date; });
  CheckOptions quiet = options;
  quiet.pins.clear();
  SignatureCache cache;
  if (quiet.cache == nullptr) quiet.cache = &cache;
  // The earliest snapshot from which every later one is ready: an upgrade
  // to it or any later release helps.
  std::string first;
  for (auto s = snaps.rbegin(); s != snaps.rend(); ++s) {
    CheckedStore cs = DescribeStore(SnapshotStore(**data, **s), nullptr);
    if (!CheckStoreReadinessImpl(profile, cs, quiet, false).ready) break;
    first = (*s)->name;
  }
  if (first.empty()) return "";
  return first + " or later (the shipped " + platform + " snapshots are ready from " + first + " on)";
}

}  // namespace trustready
