// `trustready check` as one library call: inputs, store selection,
// readiness, targets, verdict. See include/trustready/check/check.h.
#include <chrono>
#include <iostream>
#include <optional>

#include "trustready/check/check.h"
#include "trustready/image/image.h"
#include "trustready/store/store_file.h"
#include "trustready/verify/hostname.h"
#include "trustready/x509/crl.h"

namespace trustready {

std::vector<const StoreReadiness*> CheckReport::UnknownStores() const {
  std::vector<const StoreReadiness*> out;
  for (const StoreReadiness& s : stores) {
    if (s.state == StoreState::kUnknown) out.push_back(&s);
  }
  return out;
}

std::vector<std::string> CheckReport::PlatformStores() const {
  std::vector<std::string> out;
  for (const StoreReadiness& s : stores)
    if (s.kind == StoreKind::kPlatform) out.push_back(s.store);
  return out;
}

namespace check {

Result<CheckReport> Run(const CheckRequest& request) {
  const auto started = std::chrono::steady_clock::now();  // the run's deadline counts from here
  CheckReport report;
  // 1. Inputs: every bad input is an error before anything is judged or
  // fetched.
  std::optional<ClientEnvironment> clients = request.clients;
  if (!clients && (!request.env_file.empty() || request.pid != 0)) {
    auto env = ChooseEnvironment(
        {.env_file = request.env_file, .pid = request.pid, .root = request.stores.root, .set_root = false});
    if (!env.ok()) return env.error();  // names the option
    clients = std::move(env).value();
  }
  if (request.loaded_profile) {
    report.profile = request.loaded_profile;
  } else {
    auto profile = LoadProfile(request.profile);
    if (!profile.ok()) return profile.error();
    report.profile = std::make_shared<const MigrationProfile>(std::move(profile).value());
  }
  const MigrationProfile& p = *report.profile;
  report.root = request.stores.root;
  report.time = request.time == 0 ? Now() : request.time;
  for (const std::string& text : request.pins) {
    auto pin = ParseSpkiPin(text);
    if (!pin.ok()) return pin.error();
    report.pins.push_back(*pin);
  }
  if (!request.pins_file.empty()) {
    auto more = LoadSpkiPins(request.pins_file);
    if (!more.ok()) return more.error();
    report.pins.insert(report.pins.end(), more->begin(), more->end());
  }
  if (!(request.timeout.count() > 0 && request.timeout.count() <= 600000)) {
    return MakeError(ErrorKind::kInvalidArgument, "timeout: must be between 0 and 600 seconds");
  }
  if (!request.host.empty()) {
    auto h = ParseHostName(request.host);
    if (!h.ok()) return MakeError(ErrorKind::kInvalidArgument, "host '" + request.host + "': " + h.error().message);
  }
  TargetCheckOptions topt;
  for (const std::string& f : request.crl_files) {
    auto crls = LoadCrlsFromFile(f);
    if (!crls.ok()) return crls.error();
    topt.crls.insert(topt.crls.end(), crls->begin(), crls->end());
  }
  if (request.server_auth_only && request.targets.empty()) {
    return MakeError(ErrorKind::kInvalidArgument,
                     "--server-auth-only judges chains: give a target (https://host, host:port, a chain file or -)");
  }
  report.server_auth_only = request.server_auth_only;
  topt.server_auth_only = request.server_auth_only;
  std::vector<TargetInput> inputs;
  for (const std::string& t : request.targets) {
    auto in = ReadTarget(t, request.stdin_stream != nullptr ? *request.stdin_stream : std::cin);
    if (!in.ok()) return in.error();
    inputs.push_back(std::move(in).value());
  }

  // 2. The stores: each readable one judged, each unreadable one UNKNOWN.
  // An image is unpacked first and then judged as a file tree; the tree
  // lives until the stores are read (the UnpackedImage removes it).
  StoreSelectRequest select = request.stores;
  std::optional<UnpackedImage> image;
  if (!request.image.empty()) {
    if (!select.root.empty()) return MakeError(ErrorKind::kInvalidArgument, "--image and --root: give one of them");
    auto unpacked = UnpackImage(request.image);
    if (!unpacked.ok()) return unpacked.error();
    image.emplace(std::move(unpacked).value());
    select.root = image->root;
    select.env = image->env;
    report.image = CheckedImage{request.image, image->format, image->repo_tags, image->env, image->layers.size(),
                                image->files_written};
  }
  auto selection = SelectStores(select);
  if (!selection.ok()) return selection.error();
  SignatureCache cache;
  CheckOptions options;
  options.time = report.time;
  options.pins = report.pins;
  options.cache = &cache;
  std::vector<CheckedStore> readable;
  if (!request.client.empty()) selection->stores.clear();
  for (SelectedStore& s : selection->stores) {
    if (!s.readable()) {
      report.stores.push_back(UnknownStoreReadiness(s));
      continue;
    }
    CheckedStore cs = DescribeStore(std::move(*s.store), s.discovered ? &*s.discovered : nullptr);
    cs.in_tree = !select.root.empty();
    if (cs.kind == StoreKind::kJks || cs.kind == StoreKind::kPkcs12) {
      // The fix commands need the password that opens the store for
      // writing: the one given, else Java's default when it does.
      if (s.password) {
        cs.password = *s.password;
      } else {
        const std::string file =
            s.discovered && !s.discovered->host_path.empty() ? s.discovered->host_path : s.location;
        cs.password_known = ReadStoreFile(file, {"changeit", true}).ok();
      }
    }
    readable.push_back(std::move(cs));
    report.stores.push_back(CheckStoreReadiness(p, readable.back(), options));
  }
  using ClientStores = CheckRequest::ClientStores;
  if (!clients && (request.client_stores == ClientStores::kYes || !request.client.empty() ||
                   (request.client_stores == ClientStores::kAuto && request.stores.specs.empty() &&
                    request.stores.root.empty() && request.image.empty()))) {
    // This process's environment; with a root, its variables are not that
    // tree's (ChooseEnvironment drops them).
    auto env = ChooseEnvironment({.root = request.stores.root, .set_root = false});
    if (!env.ok()) return env.error();
    clients = std::move(env).value();
  }
  if (clients) {
    ClientEnvironment env = *clients;
    if (!request.stores.root.empty()) env.root = request.stores.root;
    if (image) {
      // The image's own environment, inside its tree; nothing in it is run.
      env.root = image->root;
      env.vars.clear();
      for (const std::string& kv : image->env) {
        const size_t eq = kv.find('=');
        if (eq != std::string::npos) env.vars[kv.substr(0, eq)] = kv.substr(eq + 1);
      }
      env.origin = "image config Env";
      env.run_programs = false;
    }
    ResolveOptions ro;
    ro.client = request.client;
    auto resolution = ResolveClients(env, ro);
    if (!resolution.ok()) return resolution.error();
    auto catalog = LoadClientCatalog();
    if (!catalog.ok()) return catalog.error();
    for (const ResolvedStore& rs : resolution->stores) {
      auto opened = OpenResolvedStore(rs);
      auto unknown = [&](const Error& why, const std::string& fix) {
        StoreReadiness r;
        r.store = rs.description;
        r.kind = StoreKind::kClient;
        r.location = rs.description;
        r.description = "used by clients";
        r.state = StoreState::kUnknown;
        r.unknown_reason = why.ToString();
        r.unknown_error = why;
        r.unknown_fix = fix;
        r.used_by = rs.used_by;
        report.stores.push_back(std::move(r));
      };
      if (!opened.ok()) {
        std::string fix = opened.error().kind == ErrorKind::kBadPassword
                              ? "give the keystore's password (javax.net.ssl.trustStorePassword)"
                              : "make the store readable, or check it with --store PATH";
        // A part that cannot be listed says what would make it judgeable.
        for (const StorePart& part : rs.parts) {
          if (part.kind == StorePartKind::kUnlisted && !part.fix.empty()) fix = part.fix;
        }
        unknown(opened.error(), fix);
        continue;
      }
      auto behavior = BehaviorForStore(*catalog, rs);
      if (!behavior.ok()) {
        unknown(behavior.error(), "");
        continue;
      }
      CheckedStore cs;
      cs.store = std::move(opened).value();
      cs.store.set_name(rs.description);
      const StorePart* only = rs.parts.size() == 1 ? &rs.parts[0] : nullptr;
      cs.kind = !only                           ? StoreKind::kAny
                : only->kind == StorePartKind::kKeystore  ? StoreKind::kJks
                : only->kind == StorePartKind::kDirectory ? StoreKind::kDirectory
                : only->kind == StorePartKind::kPem       ? StoreKind::kPem
                                            : StoreKind::kAny;
      cs.location = only ? only->location : rs.description;
      cs.in_tree = !rs.root.empty();
      if (only && only->kind == StorePartKind::kKeystore) {
        if (only->password_given) cs.password = only->password;
        if (cs.store.format() == StoreFormat::kPkcs12) cs.kind = StoreKind::kPkcs12;
      }
      bool node_only = true;
      for (const ClientUse& u : rs.used_by) node_only &= u.client == "node";
      if (node_only) {
        // Node adds the one file NODE_EXTRA_CA_CERTS names to whatever it
        // reads: the fix adds the roots there.
        cs.kind = StoreKind::kNode;
        for (const StorePart& part : rs.parts) {
          if (part.role == "NODE_EXTRA_CA_CERTS" && !part.missing) {
            cs.kind = StoreKind::kNodeExtra;
            cs.node_extra_ca_certs = part.location;
          }
        }
      } else if (!only) {
        // A union of files and folders (CAfile + CApath): the roots added to
        // the first file the client reads are trusted.
        for (const StorePart& part : rs.parts) {
          if (part.kind == StorePartKind::kPem && !part.missing) {
            cs.kind = StoreKind::kPem;
            cs.fix_location = part.location;
            break;
          }
        }
      }
      cs.description = "read by " + rs.used_by.front().client + " (" + rs.used_by.front().because + ")";
      cs.behavior = *behavior;
      readable.push_back(cs);
      StoreReadiness r = CheckStoreReadiness(p, readable.back(), options);
      r.used_by = rs.used_by;
      report.stores.push_back(std::move(r));
    }
  }
  report.stores_ready = true;
  for (const StoreReadiness& r : report.stores) report.stores_ready &= r.state == StoreState::kReady;
  const bool any_unknown = !report.UnknownStores().empty();

  // 3. The targets: each judged on its own; one that cannot be reached is
  // an error entry and the others go on.
  topt.check = options;
  topt.host = request.host;
  topt.fetch_aia = request.fetch_aia;
  topt.probe.connect_timeout = topt.probe.handshake_timeout = topt.probe.read_timeout = request.timeout;
  topt.probe.server_name = request.sni;
  topt.aia.timeout = request.timeout;
  using Clock = std::chrono::steady_clock;
  std::optional<Clock::time_point> run_deadline;
  if (request.deadline.count() > 0) run_deadline = started + request.deadline;
  for (const TargetInput& in : inputs) {
    std::optional<Clock::time_point> deadline = run_deadline;
    if (request.target_deadline.count() > 0) {
      const auto own = Clock::now() + request.target_deadline;
      if (!deadline || own < *deadline) deadline = own;
    }
    if (run_deadline && Clock::now() >= *run_deadline) {
      TargetCheck skipped;
      skipped.target = in.target;
      skipped.status = TargetStatus::kError;
      skipped.failure = MakeError(ErrorKind::kNetwork, "network.deadline",
                                  in.target + ": not checked: the check's deadline was reached first");
      skipped.error = skipped.failure.message;
      skipped.deadline_hit = true;
      report.targets.push_back(std::move(skipped));
      continue;
    }
    topt.probe.deadline = deadline;
    topt.aia.deadline = deadline;
    TargetCheck t = CheckTarget(in, p, readable, topt);
    if (deadline) {
      bool hit = (t.probe && t.probe->deadline_hit) ||
                 (t.status == TargetStatus::kError && t.error.find("deadline") != std::string::npos);
      for (const std::string& n : t.aia_notes) hit |= n.find("deadline") != std::string::npos;
      t.deadline_hit = hit;
    }
    if (t.status == TargetStatus::kTrusted && any_unknown) {
      t.status = TargetStatus::kUnknown;
      t.trusted = false;
    }
    report.targets.push_back(std::move(t));
  }

  // 4. The verdict.
  if (report.targets.empty()) {
    report.ready = report.stores_ready;
    report.outcome = report.ready ? CheckOutcome::kYes : CheckOutcome::kNo;
  } else {
    report.ready = true;
    report.outcome = CheckOutcome::kYes;
    report.profile_applies = false;
    for (const TargetCheck& t : report.targets) {
      report.ready &= t.status == TargetStatus::kTrusted;
      // --server-auth-only: a trusted chain on a multi-purpose hierarchy,
      // or with a leaf usable for more than serverAuth, is a "no".
      if (t.server_auth && !t.server_auth->ready) {
        report.ready = false;
        if (report.outcome == CheckOutcome::kYes) report.outcome = CheckOutcome::kNo;
      }
      report.profile_applies |= t.serves_profile;
      if (t.status == TargetStatus::kError) {
        report.outcome = CheckOutcome::kError;
      } else if (t.status != TargetStatus::kTrusted && report.outcome == CheckOutcome::kYes) {
        report.outcome = CheckOutcome::kNo;
      }
    }
  }
  return report;
}

}  // namespace check
}  // namespace trustready
