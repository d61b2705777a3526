// Server-auth-only readiness of a chain. See
// include/trustready/check/server_auth.h.
#include "trustready/check/server_auth.h"
#include "trustready/x509/oids.h"

#include <algorithm>

namespace trustready {

ServerAuthOnlyCheck CheckServerAuthOnly(const std::vector<CertificatePtr>& chain) {
  ServerAuthOnlyCheck out;
  out.dedicated_hierarchy = true;
  for (size_t i = 0; i < chain.size(); ++i) {
    const Certificate& c = *chain[i];
    EkuFinding f;
    f.role = i == 0 ? "leaf" : c.IsSelfIssued() ? "root" : "intermediate";
    f.subject = c.DisplayName();
    f.sha256 = c.Sha256Hex();
    bool server = false, client = false, any = false;
    if (c->extended_key_usage) {
      std::vector<std::string> names;
      for (const der::Input& o : *c->extended_key_usage) {
        names.push_back(EkuName(o));
        server |= o == oid::kEkuServerAuth;
        client |= o == oid::kEkuClientAuth;
        any |= o == oid::kAnyEku;
      }
      f.eku = names;
      f.server_auth_only = names.size() == 1 && server;
      if (!f.server_auth_only) {
        f.issue = any ? "anyExtendedKeyUsage: every purpose"
                 : client && server ? "serverAuth and clientAuth"
                 : client ? "clientAuth without serverAuth"
                 : server ? "serverAuth and other purposes"
                          : "no serverAuth";
      }
    } else {
      any = true;
      f.issue = "no extendedKeyUsage: every purpose";
    }
    if (i == 0) {
      out.leaf_server_auth = server || any;
      out.leaf_client_auth = client || any;
      out.client_certificate = client && !server && !any;
    } else if (f.role == "intermediate") {
      out.dedicated_hierarchy &= f.server_auth_only;
    } else if (!f.server_auth_only) {
      f.issue = "root: " + f.issue + " (a root's purposes are set by each root program, not judged here)";
    }
    out.certificates.push_back(std::move(f));
  }
  out.ready = !out.certificates.empty() && out.certificates.front().server_auth_only && out.dedicated_hierarchy;
  return out;
}

}  // namespace trustready
