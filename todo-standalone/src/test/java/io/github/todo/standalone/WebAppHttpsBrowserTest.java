package io.github.todo.standalone;

import io.github.todo.core.TodoConfig;
import io.github.todo.http.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

/**
 * The web app and the docs page in Chromium over HTTPS (HTTP/2), with a certificate made at run
 * time that Chromium is told to trust by its public key, so the page runs as on a trusted site.
 */
class WebAppHttpsBrowserTest extends WebAppBrowserTest {

    private TestCertificates.Made certificate;

    private TestCertificates.Made certificate() {
        if (certificate == null) {
            try {
                certificate = TestCertificates.make(Files.createTempDirectory("todo-browser-tls"), "server", "EC",
                        "dns:localhost,ip:127.0.0.1", 30);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return certificate;
    }

    @Override
    ServerSettings settings(Path dir) {
        return ServerSettings.defaults(TodoConfig.of(dir.resolve("todo.db"))).withPort(0)
                .withTls(TlsSettings.with(new TlsSettings.PemFiles(certificate().certificate(), certificate().key())));
    }

    @Override
    HttpClient httpClient() {
        try {
            return HttpClient.newBuilder().sslContext(TestCertificates.trusting(certificate().x509())).build();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    List<String> browserArguments() {
        try {
            byte[] spki = MessageDigest.getInstance("SHA-256").digest(certificate().x509().getPublicKey().getEncoded());
            return List.of("--ignore-certificate-errors-spki-list=" + Base64.getEncoder().encodeToString(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
