"""A profile directory holds exactly the certificate files a test pins, each
with its pinned SHA-256 (of the DER). Shared by the profile suites'
python snippets (tests/check/*.sh)."""
import hashlib
import ssl


def check_pinned_files(directory, want):
    on_disk = {str(f.relative_to(directory)) for f in directory.glob("*/*.pem")}
    assert on_disk == set(want), ("unexpected or missing files", on_disk ^ set(want))
    for f, h in want.items():
        got = hashlib.sha256(ssl.PEM_cert_to_DER_cert((directory / f).read_text())).hexdigest()
        assert got == h, (f, got)
