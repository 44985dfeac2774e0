package io.github.todo.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates made at run time with the JDK's keytool (never committed keys): a PKCS#12 keystore,
 * and the same key and certificate as PEM files.
 */
public final class TestCertificates {

    public static final String PASSWORD = "test-password";

    /** One made certificate: its files, and the certificate itself. */
    public record Made(Path keystore, Path certificate, Path key, X509Certificate x509) {
    }

    private TestCertificates() {
    }

    /** A self-signed certificate for {@code names} (e.g. "dns:localhost,ip:127.0.0.1"), valid from a day ago for {@code days}. */
    public static Made make(Path dir, String stem, String keyAlgorithm, String names, int days) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path keystore = dir.resolve(stem + ".p12");
        Files.deleteIfExists(keystore);
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "server", "-keyalg", keyAlgorithm,
                "-keysize", keyAlgorithm.equals("EC") ? "256" : "2048", "-dname", "CN=" + stem, "-ext", "SAN=" + names,
                "-startdate", "-1d", "-validity", String.valueOf(days), "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            PrivateKey key = (PrivateKey) store.getKey("server", PASSWORD.toCharArray());
            Certificate[] chain = store.getCertificateChain("server");
            Path certificate = dir.resolve(stem + "-cert.pem");
            Path keyFile = dir.resolve(stem + "-key.pem");
            Files.writeString(certificate, pem("CERTIFICATE", chain[0].getEncoded()));
            Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
            return new Made(keystore, certificate, keyFile, (X509Certificate) chain[0]);
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** An expired certificate: valid for one day, four days ago. */
    public static Made expired(Path dir, String stem) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path keystore = dir.resolve(stem + ".p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-keysize", "256",
                "-dname", "CN=" + stem, "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-startdate", "-4d", "-validity", "1",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed");
        }
        return new Made(keystore, null, null, null);
    }

    /** The traditional form of an RSA key in PEM (PKCS#1): the inner key of its PKCS#8 form. */
    public static String traditionalRsa(Path pkcs8Pem) throws IOException {
        String text = Files.readString(pkcs8Pem);
        byte[] der = Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", "").trim());
        // SEQUENCE { INTEGER 0, SEQUENCE { rsaEncryption, NULL }, OCTET STRING { PKCS#1 } }: the last element
        int at = skipHeader(der, 0);
        at = skipElement(der, at); // version
        at = skipElement(der, at); // algorithm
        int content = skipHeader(der, at);
        return pem("RSA PRIVATE KEY", Arrays.copyOfRange(der, content, der.length));
    }

    /** A client's trust in exactly these certificates. */
    public static SSLContext trusting(X509Certificate... certificates) throws GeneralSecurityException, IOException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        for (int i = 0; i < certificates.length; i++) {
            trusted.setCertificateEntry("trusted-" + i, certificates[i]);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    public static X509Certificate read(Path pem) throws IOException, GeneralSecurityException {
        List<? extends Certificate> all = List.copyOf(CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem))));
        return (X509Certificate) all.get(0);
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static int skipHeader(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        return at + (first < 0x80 ? 2 : 2 + (first & 0x7f));
    }

    private static int skipElement(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        int length = first;
        if (first >= 0x80) {
            length = 0;
            for (int i = 0; i < (first & 0x7f); i++) {
                length = (length << 8) | (der[at + 2 + i] & 0xff);
            }
        }
        return skipHeader(der, at) + length;
    }
}
