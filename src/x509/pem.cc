// PEM (RFC 7468), base64 (RFC 4648), file I/O and certificate loading.
#include "trustready/x509/pem.h"

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <iterator>
#include <sys/stat.h>
#include <unistd.h>

namespace trustready {
namespace {

int8_t Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return static_cast<int8_t>(c - 'A');
  if (c >= 'a' && c <= 'z') return static_cast<int8_t>(c - 'a' + 26);
  if (c >= '0' && c <= '9') return static_cast<int8_t>(c - '0' + 52);
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

size_t LineNumber(std::string_view text, size_t offset) {
  size_t n = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) n += text[i] == '\n';
  return n;
}

}  // namespace

std::string Base64Encode(der::Input data) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    uint32_t v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i + 1 == data.size()) {
    uint32_t v = data[i] << 16;
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == data.size()) {
    uint32_t v = (data[i] << 16) | (data[i + 1] << 8);
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

Result<std::vector<uint8_t>> Base64Decode(std::string_view text) {
  std::vector<uint8_t> out;
  out.reserve(text.size() * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  int pad = 0;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (c == '=') {
      ++pad;
      continue;
    }
    if (pad) return MakeError(ErrorKind::kFormat, "pem.base64_after_padding", "base64 data after '=' padding");
    const int8_t v = Base64Value(c);
    if (v < 0) return MakeError(ErrorKind::kFormat, "pem.base64_invalid_character", std::string("invalid base64 character '") + c + "'");
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<uint8_t>(acc >> bits));
    }
  }
  if (pad > 2 || (bits == 6) || (pad && (bits / 2) != pad)) {
    return MakeError(ErrorKind::kFormat, "pem.base64_length", "base64 data has a bad length or padding");
  }
  return out;
}

Result<std::vector<PemBlock>> ParsePem(std::string_view text) {
  std::vector<PemBlock> blocks;
  size_t pos = 0;
  static constexpr std::string_view kBegin = "-----BEGIN ";
  static constexpr std::string_view kDashes = "-----";
  while ((pos = text.find(kBegin, pos)) != std::string_view::npos) {
    const size_t begin = pos;
    const size_t label_start = pos + kBegin.size();
    const size_t label_end = text.find(kDashes, label_start);
    const size_t eol = text.find('\n', label_start);
    if (label_end == std::string_view::npos || (eol != std::string_view::npos && label_end > eol)) {
      return MakeError(ErrorKind::kFormat, "pem.begin_line_malformed", "malformed BEGIN line on line " + std::to_string(LineNumber(text, begin)), begin);
    }
    PemBlock block;
    block.label = std::string(text.substr(label_start, label_end - label_start));
    block.offset = begin;
    const std::string end_marker = "-----END " + block.label + "-----";
    const size_t body_start = label_end + kDashes.size();
    const size_t end = text.find(end_marker, body_start);
    if (end == std::string_view::npos) {
      // Maybe a different END label: report that precisely.
      const size_t other_end = text.find("-----END ", body_start);
      if (other_end != std::string_view::npos) {
        return MakeError(ErrorKind::kFormat, "pem.end_label_mismatch",
                         "PEM block '" + block.label + "' on line " + std::to_string(LineNumber(text, begin)) +
                             " ends with a different END label",
                         begin);
      }
      return MakeError(ErrorKind::kFormat, "pem.end_missing",
                       "PEM block '" + block.label + "' on line " + std::to_string(LineNumber(text, begin)) +
                           " has no END line (truncated?)",
                       begin);
    }
    std::string_view body = text.substr(body_start, end - body_start);
    if (body.find(':') != std::string_view::npos) {
      return MakeError(ErrorKind::kFormat, "pem.headers_unsupported", "PEM headers (encrypted PEM) are not supported", begin);
    }
    auto data = Base64Decode(body);
    if (!data.ok()) {
      return MakeError(ErrorKind::kFormat, data.error().detail,
                       "PEM block '" + block.label + "' on line " + std::to_string(LineNumber(text, begin)) +
                           ": " + data.error().message,
                       begin);
    }
    block.data = std::move(*data);
    blocks.push_back(std::move(block));
    pos = end + end_marker.size();
  }
  return blocks;
}

std::string EncodePem(std::string_view label, der::Input der) {
  const std::string b64 = Base64Encode(der);
  std::string out = "-----BEGIN " + std::string(label) + "-----\n";
  for (size_t i = 0; i < b64.size(); i += 64) {
    out.append(b64, i, 64);
    out += '\n';
  }
  out += "-----END " + std::string(label) + "-----\n";
  return out;
}

Result<std::vector<LoadedCertificate>> LoadCertificatesFromBytes(std::string_view bytes,
                                                                 const std::string& source) {
  std::vector<LoadedCertificate> out;
  if (bytes.empty()) return MakeError(ErrorKind::kIo, "io.empty", source + ": file is empty");
  const bool looks_pem = bytes.find("-----BEGIN ") != std::string_view::npos;
  if (!looks_pem) {
    // A single DER certificate.
    if (static_cast<uint8_t>(bytes[0]) != 0x30) {
      return MakeError(ErrorKind::kNotCertificate, "pem.not_pem_or_der", source + ": neither PEM nor a DER certificate");
    }
    auto cert = Certificate::Parse(der::Input(bytes));
    if (!cert.ok()) {
      return MakeError(cert.error().kind, cert.error().detail, source + ": not a valid certificate: " + cert.error().ToString());
    }
    out.push_back({*cert, "DER", {}});
    return out;
  }
  auto blocks = ParsePem(bytes);
  if (!blocks.ok()) return WithContext(blocks.error(), source);
  size_t index = 0;
  for (auto& b : *blocks) {
    ++index;
    if (b.label != "CERTIFICATE" && b.label != "TRUSTED CERTIFICATE" && b.label != "X509 CERTIFICATE") continue;
    der::Input data(b.data.data(), b.data.size());
    der::Input cert_der = data;
    std::vector<uint8_t> aux;
    if (b.label == "TRUSTED CERTIFICATE") {
      // The certificate TLV followed by X509_CERT_AUX.
      der::Parser p(data);
      auto e = p.ReadAny();
      if (!e.ok()) {
        return MakeError(ErrorKind::kNotCertificate, e.error().detail,
                         source + ": certificate #" + std::to_string(index) + ": " + e.error().ToString());
      }
      cert_der = e->encoded;
      aux.assign(data.begin() + cert_der.size(), data.end());
    }
    auto cert = Certificate::Parse(cert_der);
    if (!cert.ok()) {
      return MakeError(cert.error().kind, cert.error().detail, source + ": certificate #" + std::to_string(index) +
                                              " (PEM line " + std::to_string(LineNumber(bytes, b.offset)) +
                                              "): " + cert.error().ToString());
    }
    out.push_back({*cert, b.label, std::move(aux)});
  }
  if (out.empty()) return MakeError(ErrorKind::kNotCertificate, "pem.no_certificate", source + ": no certificate found");
  return out;
}

Result<std::vector<CertificatePtr>> LoadCertificatesFromFile(const std::string& path) {
  auto bytes = ReadFile(path);
  if (!bytes.ok()) return bytes.error();
  auto loaded = LoadCertificatesFromBytes(*bytes, path == "-" ? "<stdin>" : path);
  if (!loaded.ok()) return loaded.error();
  std::vector<CertificatePtr> out;
  for (auto& l : *loaded) out.push_back(std::move(l.cert));
  return out;
}

// Certificates for an untrusted pool: a file (as LoadCertificatesFromFile),
// or a directory, every regular file of it in name order: files holding no
// certificate (keys, CRLs, READMEs) are skipped, a broken certificate file
// is an error naming it, and a directory with no certificate at all is one.
Result<std::vector<CertificatePtr>> LoadCertificatePool(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec)) return LoadCertificatesFromFile(path);
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
    if (entry.is_regular_file(ec)) files.push_back(entry.path().string());
  }
  if (ec) return MakeError(ErrorKind::kIo, path + ": " + ec.message());
  std::sort(files.begin(), files.end());  // deterministic order
  std::vector<CertificatePtr> out;
  for (const std::string& f : files) {
    auto bytes = ReadFile(f);
    if (!bytes.ok()) return bytes.error();
    auto certs = LoadCertificatesFromBytes(*bytes, f);
    if (!certs.ok()) {
      // Keys, CRLs, READMEs beside the certificates are not an error;
      // a broken certificate file is.
      if (certs.error().kind == ErrorKind::kNotCertificate) continue;
      if (bytes->find("-----BEGIN") != std::string::npos &&
          bytes->find("CERTIFICATE-----") == std::string::npos) {
        continue;
      }
      return certs.error();
    }
    for (auto& c : *certs) out.push_back(c.cert);
  }
  if (out.empty()) return MakeError(ErrorKind::kNotCertificate, path + ": no certificates in directory");
  return out;
}

}  // namespace trustready
