// Reading the password-protected keystores (JKS, PKCS#12): the options
// jks_store.h, pkcs12_store.h and store_file.h share.
#ifndef TRUSTREADY_STORE_KEYSTORE_OPTIONS_H_
#define TRUSTREADY_STORE_KEYSTORE_OPTIONS_H_

#include <string>

namespace trustready {

struct KeystoreReadOptions {
  // When given, the JKS SHA-1 integrity digest / PKCS#12 MAC is verified and
  // a mismatch is kBadPassword. When not given, JKS is read without checking
  // the digest and PKCS#12 is tried with the empty password.
  std::string password;
  bool password_given = false;
};

}  // namespace trustready

#endif  // TRUSTREADY_STORE_KEYSTORE_OPTIONS_H_
