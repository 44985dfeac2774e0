package io.github.todo.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Whom an {@code https} URL is trusted by: the JDK's authorities, or the certificates of {@code --trust}. */
final class Trust {

    private Trust() {
        // Prevent instantiation
    }

    /** The JDK's default context for {@code null}, else one trusting exactly the PEM certificates in {@code file}. */
    static SSLContext of(Path file) throws UsageException {
        try {
            if (file == null) {
                return SSLContext.getDefault();
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int count = 0;
            try (InputStream in = Files.newInputStream(file)) {
                for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    trusted.setCertificateEntry("trusted-" + count++, certificate);
                }
            }
            if (count == 0) {
                throw new UsageException("--trust: " + file + " holds no PEM certificate");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new UsageException("--trust: cannot read the certificates in " + file + ": " + e.getMessage());
        }
    }
}
