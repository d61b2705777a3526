// Java's own PKIX path validation as an oracle for tests/catalog/openjdk_snapshots.sh:
// `java PkixVerdict.java KEYSTORE PASSWORD EPOCH_SECONDS CHAIN.pem...` validates the
// certificates of each CHAIN file (first one the target, then its issuers) against the
// trusted certificate entries of KEYSTORE (a JKS or PKCS#12, e.g. a platform snapshot
// written by `trustready store export --format jks`) at the given time, with
// java.security.cert.CertPathValidator ("PKIX", revocation off), and prints one line per
// file: "trusted" or "untrusted <reason>". Distrust policies (jdk.security.caDistrustPolicies)
// are not part of CertPathValidator, so only the trust set and path validation are compared.
import java.io.FileInputStream;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

public class PkixVerdict {
  public static void main(String[] args) throws Exception {
    KeyStore ks = KeyStore.getInstance(args[0].endsWith(".p12") ? "PKCS12" : "JKS");
    try (FileInputStream in = new FileInputStream(args[0])) {
      ks.load(in, args[1].toCharArray());
    }
    Date at = new Date(Long.parseLong(args[2]) * 1000L);
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    for (int i = 3; i < args.length; ++i) {
      String outcome;
      try (FileInputStream in = new FileInputStream(args[i])) {
        List<X509Certificate> chain = new ArrayList<>();
        for (Object c : cf.generateCertificates(in)) chain.add((X509Certificate) c);
        PKIXParameters params = new PKIXParameters(ks);
        params.setRevocationEnabled(false);
        params.setDate(at);
        CertPathValidator.getInstance("PKIX").validate(cf.generateCertPath(chain), params);
        outcome = "trusted";
      } catch (Exception e) {
        outcome = "untrusted " + e.getClass().getSimpleName() + ": " + e.getMessage();
      }
      System.out.println(outcome.replace('\n', ' '));
    }
  }
}
