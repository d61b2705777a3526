// Which trust store each TLS client really uses, and how it behaves.
//
// A runtime does not read "the system store": OpenSSL reads SSL_CERT_FILE
// and SSL_CERT_DIR or its compiled-in OPENSSLDIR, curl its compiled-in
// CAfile/CApath or CURL_CA_BUNDLE, requests REQUESTS_CA_BUNDLE or certifi,
// boto3 AWS_CA_BUNDLE or `ca_bundle` in ~/.aws/config or certifi or its own
// cacert.pem, Java javax.net.ssl.trustStore (from JAVA_TOOL_OPTIONS /
// JDK_JAVA_OPTIONS) or its jssecacerts or cacerts, Node.js its bundled
// roots (plus NODE_EXTRA_CA_CERTS, or OpenSSL's store with
// --use-openssl-ca)... ResolveClients applies those rules (the data of
// data/clients/clients.json, the procedures here) to one environment: this
// process's, a KEY=VALUE file, a running process's (/proc/PID/environ), an
// image config's Env, optionally inside another file tree (--root).
//
// The answer is a list of effective stores, each with the clients that use
// it and why ("python-requests", "REQUESTS_CA_BUNDLE"). A client whose
// store is the union of several files (OpenSSL's default file + directory,
// curl's CAfile + CApath, Node's bundled roots + NODE_EXTRA_CA_CERTS) gets
// one effective store made of those parts, judged as one.
//
// Every interpreter found is asked (each python3 on PATH, pyenv versions,
// venvs under the usual folders; each node on PATH and nvm's; each JDK under
// /usr/lib/jvm), not only the first. Inside a --root tree nothing is run:
// paths are resolved inside it (ResolveInRoot) and interpreters are found
// by their files.
//
// Nothing here prints. Opening a resolved store (OpenResolvedStore) reads
// files or runs `node` to list its compiled-in roots. What a client will do
// with an endpoint (PredictClients) is check's judgement over this module's
// resolution: trustready/check/client_predict.h.
#ifndef TRUSTREADY_CLIENT_CLIENT_H_
#define TRUSTREADY_CLIENT_CLIENT_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "trustready/base/result.h"
#include "trustready/client/client_environment.h"
#include "trustready/store/trust_store.h"
#include "trustready/verify/verify.h"

namespace trustready {

// How a client validates, from data/clients/clients.json ("behaviors").
struct ClientBehaviorInfo {
  std::string name;         // "openssl-3", "java", "chromium", ...
  std::string description;  // one line
  ClientBehavior behavior;
  // Whether tests/client/real_clients.sh runs the real client against
  // this behaviour; an untested behaviour is reported as such.
  bool tested = false;
};

// One client family of data/clients/clients.json.
struct ClientInfo {
  std::string name;      // "python-requests"
  std::string title;     // "Python requests"
  std::string behavior;  // key into the behaviours
  std::string notes;
  // Chromium: which shipped platform snapshot is the root store compiled
  // into which browser releases ("root_stores" in clients.json). A release
  // no entry names is judged UNKNOWN, never with a guessed snapshot.
  struct VersionedSnapshot {
    int first_major = 0;  // inclusive
    int last_major = 0;   // inclusive
    std::string snapshot;  // "chrome:17"
    std::string source;    // why this release carries that store
  };
  std::vector<VersionedSnapshot> root_stores;
};

struct ClientCatalog {
  std::vector<ClientInfo> clients;
  std::map<std::string, ClientBehaviorInfo> behaviors;
  const ClientInfo* Find(const std::string& name) const;
};
// data/clients/clients.json (DataDir()), or `path` when given.
Result<ClientCatalog> LoadClientCatalog(const std::string& path = "");

// Why a client uses a store.
struct ClientUse {
  std::string client;    // "python-requests"
  std::string because;   // "REQUESTS_CA_BUNDLE", "default (certifi)", ...
  std::string instance;  // "/usr/bin/python3 (3.11.2)", a JDK, a node binary
  std::string behavior;  // behaviour key
  // Java: the JDK's own lib/security/cacerts (its "jdkCA" anchors, under
  // which SHA-1 is refused), whatever trustStore the client reads.
  std::string builtin_anchors;
  // Java: jdk.security.caDistrustPolicies as this JDK reads it (its
  // java.security, then a -Djava.security.properties file of
  // JAVA_TOOL_OPTIONS / JDK_JAVA_OPTIONS), and where it was read. Unset
  // when java.security could not be read: BehaviorForUse then applies
  // every policy the data knows (never more lenient than the JDK).
  std::optional<std::vector<std::string>> ca_distrust_policies;
  std::string ca_distrust_from;
};

// What one part of a client's store is. StorePartKindName gives the name
// `clients --json` and `check --json` print.
enum class StorePartKind {
  kPem,          // "pem": a file (PEM bundle, DER, or a keystore sniffed by content)
  kDirectory,    // "directory": a CApath
  kKeystore,     // "keystore": Java, JKS/PKCS#12 by content
  kNodeBundled,  // "node-bundled": `location` is the node binary
  kNss,          // "nss": an NSS database directory
  kPlatform,     // "platform": a platform snapshot (`location` names it)
  kUnlisted,     // "unlisted": a list compiled into a program we cannot read (Chromium's)
};
std::string_view StorePartKindName(StorePartKind kind);

// One file or directory (or a program's compiled-in list) a client reads.
struct StorePart {
  StorePartKind kind = StorePartKind::kPem;
  std::string location;  // path as the client sees it (inside `root`)
  std::string role;      // "CAfile", "CApath", "trustStore", "extra", ...
  // Java: javax.net.ssl.trustStorePassword when given (else the JDK's
  // default handling: read without integrity check, then "changeit").
  std::string password;
  bool password_given = false;
  std::string store_type;  // javax.net.ssl.trustStoreType, when given
  // The part does not exist: the client reads nothing from it (a missing
  // CApath is empty for OpenSSL; a missing trustStore makes Java fail).
  bool missing = false;
  // What makes an "unlisted" part judgeable (shown with the UNKNOWN
  // verdict of its store).
  std::string fix;
};

struct ResolvedStore {
  // Stable key: kinds and locations of the parts, joined.
  std::string id;
  std::string description;  // "OpenSSL default paths", "REQUESTS_CA_BUNDLE", ...
  std::vector<StorePart> parts;
  std::vector<ClientUse> used_by;
  std::string root;  // the tree paths are resolved in, if any
  // A store the client cannot use at all (Java with a missing trustStore
  // file, node refusing an option): the reason. The store is then judged
  // NOT READY, never skipped.
  std::string broken;
};

struct ClientResolution {
  ClientEnvironment environment;
  std::vector<ResolvedStore> stores;
  // Things found that a user should know (an interpreter that would not
  // answer, a variable set but empty, an unsupported option).
  std::vector<std::string> notes;
};

struct ResolveOptions {
  // Only this client (a ClientInfo name); empty: every client.
  std::string client;
  // Where the client data lives; empty: DataDir()/clients/clients.json.
  std::string catalog_path;
};

Result<ClientResolution> ResolveClients(const ClientEnvironment& env, const ResolveOptions& options = {});

// `clients list`'s question: which environment (ChooseEnvironment) and
// which client. ResolveClientQuery resolves it; errors name the option
// ("--env FILE: ...", "--client NAME: ...", or "clients: ..." without one).
struct ClientQuery {
  std::string env_file;
  int pid = 0;
  std::string client;  // empty: every client
  std::string root;
};
Result<ClientResolution> ResolveClientQuery(const ClientQuery& query);

// Reads every part and merges them into one store named after the
// resolved store's description. A part that cannot be read is an error
// naming it (the caller reports the store as UNKNOWN with that reason).
struct OpenResolvedOptions {
  int program_timeout_seconds = 10;
  // A part that cannot be listed (Chromium's compiled-in root store) is
  // left out instead of failing the store. Only for judging private roots
  // (which such a list never holds): a trusted verdict stays sound.
  bool skip_unlisted = false;
};
Result<TrustStore> OpenResolvedStore(const ResolvedStore& store, const OpenResolvedOptions& options = {});

// The behaviour to validate with for one use of a store: the catalog's,
// plus per-instance facts (Java's built-in anchors).
Result<ClientBehavior> BehaviorForUse(const ClientCatalog& catalog, const ClientUse& use,
                                      const ResolvedStore& store);
// The behaviour to judge a store with for all its uses at once: the first
// use's (BehaviorForUse), with the Java distrust policies of every JDK that
// reads it (one cacerts shared by a JDK 17 and a JDK 25 is refused what
// either refuses). An error of any use's behaviour is the error.
Result<ClientBehavior> BehaviorForStore(const ClientCatalog& catalog, const ResolvedStore& store);

}  // namespace trustready

#endif  // TRUSTREADY_CLIENT_CLIENT_H_
