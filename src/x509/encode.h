// Minimal DER encoding, for the few places we must re-encode (OpenSSL's
// canonical names, tests). Internal to the library.
#ifndef TRUSTREADY_X509_ENCODE_H_
#define TRUSTREADY_X509_ENCODE_H_

#include <string>
#include <string_view>

#include "trustready/der/parser.h"

namespace trustready {

inline std::string EncodeLength(size_t n) {
  std::string out;
  if (n < 0x80) {
    out.push_back(static_cast<char>(n));
    return out;
  }
  std::string bytes;
  while (n) {
    bytes.insert(bytes.begin(), static_cast<char>(n & 0xff));
    n >>= 8;
  }
  out.push_back(static_cast<char>(0x80 | bytes.size()));
  return out + bytes;
}

inline std::string EncodeTlv(der::Tag tag, std::string_view contents) {
  std::string out(1, static_cast<char>(tag));
  out += EncodeLength(contents.size());
  out.append(contents);
  return out;
}

}  // namespace trustready

#endif  // TRUSTREADY_X509_ENCODE_H_
