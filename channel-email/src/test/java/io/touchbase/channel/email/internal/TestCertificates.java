package io.touchbase.channel.email.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed server certificate for {@code localhost} only, made with the JDK's keytool when
 * first asked for (so that no key or expiring certificate lives in the repository), and installed
 * as GreenMail's TLS key store. GreenMail reads the key store once per JVM, when its first TLS
 * server starts: every test that starts one calls {@link #install()} first.
 */
final class TestCertificates {
  static final String PASSWORD = "changeit";
  private static Path keyStore;

  private TestCertificates() {}

  static synchronized void install() {
    if (keyStore == null) {
      keyStore = generate();
    }
    System.setProperty("greenmail.tls.keystore.file", keyStore.toString());
    System.setProperty("greenmail.tls.keystore.password", PASSWORD);
  }

  private static Path generate() {
    try {
      Path dir = Files.createTempDirectory("touchbase-email-tls");
      Path file = dir.resolve("localhost.p12");
      Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
      Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "greenmail",
          "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost",
          "-ext", "SAN=dns:localhost", "-storetype", "PKCS12", "-keystore", file.toString(),
          "-storepass", PASSWORD, "-keypass", PASSWORD))
          .redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("keytool failed: " + output);
      }
      file.toFile().deleteOnExit();
      dir.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
