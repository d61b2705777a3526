#!/usr/bin/env python3
"""Builds the authroot.stl test fixtures (see README.md here): a Certificate
Trust List in the layout of Microsoft's authroot.stl ([MS-CAESO]; the
property OIDs as Windows stores them), naming five real Amazon Trust
Services roots by SHA-1 with properties chosen FOR THE TEST (not Microsoft's
trust decisions), signed as CMS SignedData by a throwaway key with the
openssl CLI (authroot.stl, eContent in an OCTET STRING), and the same CTL in
PKCS#7 form, `[0] EXPLICIT CertificateTrustList` as Microsoft ships it
(authroot-pkcs7.stl; its signature no longer matches: importers do not
check it). Usage: make_authroot.py SHARED_AMAZON_DIR OUT_DIR"""
import datetime, hashlib, os, subprocess, sys, tempfile

def tlv(tag, body):
    n = len(body)
    if n < 0x80:
        head = bytes([n])
    else:
        b = n.to_bytes((n.bit_length() + 7) // 8, "big")
        head = bytes([0x80 | len(b)]) + b
    return bytes([tag]) + head + body

def oid(dotted):
    arcs = [int(x) for x in dotted.split(".")]
    out = bytes([40 * arcs[0] + arcs[1]])
    for a in arcs[2:]:
        chunk = [a & 0x7f]
        a >>= 7
        while a:
            chunk.append(0x80 | (a & 0x7f))
            a >>= 7
        out += bytes(reversed(chunk))
    return tlv(0x06, out)

seq = lambda *x: tlv(0x30, b"".join(x))
SET = lambda *x: tlv(0x31, b"".join(sorted(x)))
octets = lambda b: tlv(0x04, b)
PROP = "1.3.6.1.4.1.311.10.11."
EKU = {"serverAuth": "1.3.6.1.5.5.7.3.1", "clientAuth": "1.3.6.1.5.5.7.3.2", "codeSigning": "1.3.6.1.5.5.7.3.3",
       "emailProtection": "1.3.6.1.5.5.7.3.4"}

def attr(n, value):
    return seq(oid(PROP + str(n)), SET(octets(value)))

def ekus(*names):
    return seq(*[oid(EKU[n]) for n in names])

def filetime(iso):
    t = datetime.datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
    return (int(t.timestamp()) + 11644473600).__mul__(10000000).to_bytes(8, "little")

def cms_sign(ctl, signer_pem):
    """CMS SignedData (eContent in an OCTET STRING) over the DER CTL, signed
    by a throwaway key whose certificate is written to signer_pem."""
    with tempfile.TemporaryDirectory() as t:
        open(os.path.join(t, "ctl.der"), "wb").write(ctl)
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                        "-keyout", os.path.join(t, "k.pem"), "-out", signer_pem,
                        "-subj", "/CN=trustready test CTL signer", "-days", "36500"], check=True, capture_output=True)
        subprocess.run(["openssl", "cms", "-sign", "-binary", "-nodetach", "-econtent_type", "1.3.6.1.4.1.311.10.1",
                        "-in", os.path.join(t, "ctl.der"), "-signer", signer_pem,
                        "-inkey", os.path.join(t, "k.pem"), "-outform", "DER", "-out", os.path.join(t, "cms.der")],
                       check=True, capture_output=True)
        return open(os.path.join(t, "cms.der"), "rb").read()

def pkcs7_form(cms, ctl):
    """The same SignedData in Microsoft's PKCS#7 form: [0] { CTL } for
    [0] { OCTET STRING { CTL } } (its signature no longer matches)."""
    wrapped = tlv(0xa0, octets(ctl))
    assert cms.count(wrapped) == 1, "eContent not found"
    def rebuild(b):
        # Re-encode every constructed TLV on the way down to the eContent.
        tag, i = b[0], 1
        n = b[i]; i += 1
        if n & 0x80:
            k = n & 0x7f; n = int.from_bytes(b[i:i + k], "big"); i += k
        body = b[i:i + n]
        if b == wrapped:
            return tlv(0xa0, ctl)
        if tag & 0x20 and wrapped in body:
            parts, j = [], 0
            while j < len(body):
                k2 = j + 1
                m = body[k2]; k2 += 1
                if m & 0x80:
                    kk = m & 0x7f; m = int.from_bytes(body[k2:k2 + kk], "big"); k2 += kk
                parts.append(rebuild(body[j:k2 + m])); j = k2 + m
            return tlv(tag, b"".join(parts))
        return b
    return rebuild(cms)

def main():
    amazon, out = sys.argv[1], sys.argv[2]
    roots = {}
    for name in ["AmazonRootCA1", "AmazonRootCA2", "AmazonRootCA3", "AmazonRootCA4", "SFSRootCAG2"]:
        der = open(os.path.join(amazon, name + ".cer"), "rb").read()
        sha1 = hashlib.sha1(der).hexdigest().upper()
        roots[name] = sha1
        open(os.path.join(out, "certs", sha1 + ".crt"), "wb").write(der)
    friendly = lambda s: attr(11, (s + "\0").encode("utf-16-le"))
    props = {
        "AmazonRootCA1": [attr(9, ekus("serverAuth", "clientAuth", "codeSigning", "emailProtection")), friendly("Amazon Root CA 1")],
        "AmazonRootCA2": [attr(9, ekus("serverAuth")), attr(126, filetime("2020-01-01T00:00:00Z")), attr(127, ekus("serverAuth"))],
        "AmazonRootCA3": [attr(9, ekus("emailProtection"))],
        "AmazonRootCA4": [attr(9, ekus("serverAuth")), attr(104, filetime("2021-01-01T00:00:00Z"))],
        "SFSRootCAG2": [attr(122, ekus("codeSigning"))],
    }
    subjects = [seq(octets(bytes.fromhex(roots[n])), SET(*p)) for n, p in sorted(props.items(), key=lambda kv: roots[kv[0]])]
    ctl = seq(
        seq(oid("1.3.6.1.4.1.311.10.3.9")),                      # subjectUsage: root list signer
        octets(b"test"),                                         # listIdentifier
        tlv(0x02, b"\x01"),                                      # sequenceNumber
        tlv(0x17, b"261201000000Z"),                             # ctlThisUpdate
        seq(oid("1.3.14.3.2.26"), b"\x05\x00"),                  # subjectAlgorithm: SHA-1
        seq(*subjects))
    cms = cms_sign(ctl, os.path.join(out, "signer.pem"))
    open(os.path.join(out, "authroot.stl"), "wb").write(cms)
    open(os.path.join(out, "authroot-pkcs7.stl"), "wb").write(pkcs7_form(cms, ctl))

if __name__ == "__main__":
    main()
