// `trustready cert show` outputs: a JSON array of certificates
// (docs/schemas/cert-show.schema.json, each with the file it came from) or
// the text view of each, separated by blank lines.
#ifndef TRUSTREADY_REPORT_CERT_SHOW_REPORT_H_
#define TRUSTREADY_REPORT_CERT_SHOW_REPORT_H_

#include <string>
#include <vector>

#include "trustready/report/text_style.h"
#include "trustready/x509/certificate.h"

namespace trustready {

struct ShownCertificate {
  std::string file;  // as given on the command line ("-": standard input)
  CertificatePtr cert;
};

std::string CertificatesToJson(const std::vector<ShownCertificate>& certs);
std::string CertificatesToText(const std::vector<ShownCertificate>& certs, const TextStyle& style);

}  // namespace trustready

#endif  // TRUSTREADY_REPORT_CERT_SHOW_REPORT_H_
