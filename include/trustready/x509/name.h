// X.501 Names (RFC 5280 4.1.2.4): parsing, RFC 4514 text, RFC 5280 7.1
// comparison form, and OpenSSL's canonical form (for subject hashes).
//
// A Name holds views into the DER it was parsed from.
#ifndef TRUSTREADY_NAME_H_
#define TRUSTREADY_NAME_H_

#include <string>
#include <vector>

#include "trustready/der/parser.h"
#include "trustready/base/result.h"

namespace trustready {

struct AttributeTypeAndValue {
  der::Input type;       // OID contents
  der::Tag value_tag = 0;
  der::Input value;      // contents of the value TLV
  der::Input value_tlv;  // the whole value TLV
};

using RelativeDistinguishedName = std::vector<AttributeTypeAndValue>;

struct Name {
  der::Input encoded;   // the Name TLV (SEQUENCE) when parsed from one
  der::Input contents;  // RDNSequence contents (what name constraints and
                        // directoryName GeneralNames carry)
  std::vector<RelativeDistinguishedName> rdns;

  bool empty() const { return rdns.empty(); }
  // RFC 4514 string, most significant RDN last ("CN=Amazon Root CA 1,O=Amazon,C=US").
  std::string ToRfc4514() const;
  // First value of an attribute type (decoded to UTF-8), or "".
  std::string Get(der::Input type) const;
};

// Parses a Name TLV (SEQUENCE OF RDN). Every RDN must be a non-empty SET of
// AttributeTypeAndValue; attribute values may be any primitive string type.
Status ParseName(der::Input name_tlv, Name* out);
// Parses RDNSequence contents (no outer SEQUENCE header).
Status ParseRdnSequence(der::Input contents, Name* out);

// Decodes a directory string value to UTF-8. Accepts PrintableString,
// UTF8String, IA5String, TeletexString (as Latin-1), BMPString,
// UniversalString, VisibleString, NumericString. Fails on malformed contents.
Result<std::string> DecodeDirectoryString(der::Tag tag, der::Input value);

// RFC 5280 7.1 / RFC 4518 simplified: string types folded to UTF-8,
// ASCII case folded, leading/trailing/internal whitespace runs collapsed.
// Equal names (as X.509 path building matches them) give equal strings.
std::string NormalizeName(const Name& name);

// OpenSSL's x509_name_canon encoding (input to X509_NAME_hash_ex).
std::string OpenSslCanonicalName(const Name& name);

// Short names for common attribute types ("CN", "O", ...), else dotted OID.
std::string AttributeTypeName(der::Input type);

}  // namespace trustready

#endif  // TRUSTREADY_NAME_H_
