// A real Java TLS client for tests/client/real_clients.sh: for each URL
// given, "pass" when HttpsURLConnection (the JDK's default TrustManager,
// which reads javax.net.ssl.trustStore* like every Java application does)
// completes the handshake and gets HTTP 200, else "fail" and the reason.
// Run as `java [-Djavax.net.ssl.trustStore=...] TlsProbe.java URL...`.
import java.net.URI;
import javax.net.ssl.HttpsURLConnection;

public class TlsProbe {
  public static void main(String[] args) {
    for (String url : args) {
      String outcome;
      try {
        HttpsURLConnection c = (HttpsURLConnection) URI.create(url).toURL().openConnection();
        c.setConnectTimeout(10000);
        c.setReadTimeout(10000);
        int code = c.getResponseCode();
        c.getInputStream().readAllBytes();
        c.disconnect();
        outcome = code == 200 ? "pass" : "fail HTTP " + code;
      } catch (Exception e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        outcome = "fail " + t.getClass().getSimpleName() + ": " + t.getMessage();
      }
      System.out.println(url + " " + outcome.replace('\n', ' '));
    }
  }
}
