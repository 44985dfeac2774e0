package io.github.todo.client;

import io.github.todo.core.InvalidTaskException;
import io.github.todo.core.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The configuration of a {@link TodoClient}; {@link #build()} makes an immutable client of it.
 * Every setting has a default, so {@code TodoClient.builder(base).build()} is a complete client.
 */
public final class TodoClientBuilder {

    final URI base;
    String token;
    Duration timeout = Duration.ofSeconds(60);
    HttpClient httpClient;
    SSLContext tls;
    int maxNameLength = 1000;

    TodoClientBuilder(URI base) {
        Objects.requireNonNull(base, "base");
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || base.getHost() == null
                || base.getRawQuery() != null || base.getRawFragment() != null) {
            throw new IllegalArgumentException("base must be an http or https URL without a query, such as"
                    + " http://127.0.0.1:8000, not " + base);
        }
        this.base = base;
    }

    /**
     * The server's bearer token (its {@code --token}), sent as {@code Authorization: Bearer ...}
     * on every request. Default: none; {@code null} removes it.
     *
     * @throws IllegalArgumentException if the token is blank or has characters a header cannot carry
     */
    public TodoClientBuilder token(String bearerToken) {
        if (bearerToken != null && (bearerToken.isBlank()
                || !bearerToken.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            throw new IllegalArgumentException("token must be printable ASCII without spaces");
        }
        this.token = bearerToken;
        return this;
    }

    /**
     * How long a request may wait for its answer to begin, after which it fails with a
     * {@link StoreException}; connecting gets at most 10 s of it. Default 60 s: longer than the
     * 30 s the server gives a write before it answers 503 itself. The body of
     * {@link TodoClient#forEach}'s answer may take longer.
     *
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public TodoClientBuilder timeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        this.timeout = timeout;
        return this;
    }

    /**
     * The HTTP client to send with, for a proxy, TLS settings or an executor of your own. It is
     * used as it is (the {@linkplain #timeout timeout} still applies to each request) and
     * {@link TodoClient#close()} leaves it open. Default: an HTTP/1.1 client made for this
     * client, closed with it.
     */
    public TodoClientBuilder httpClient(HttpClient client) {
        this.httpClient = client;
        return this;
    }

    /**
     * Trusts the certificates in {@code pemFile} (PEM, one or more) for an {@code https} base, instead
     * of the JDK's certificate authorities: for a server with a self-signed certificate, give that
     * certificate. The server must still present one of them (or one they signed), for the name in
     * the base URL. Not with {@link #httpClient}, whose own TLS settings apply.
     *
     * @throws IllegalArgumentException if the file cannot be read or holds no certificate
     */
    public TodoClientBuilder trustCertificates(Path pemFile) {
        Objects.requireNonNull(pemFile, "pemFile");
        try (InputStream in = Files.newInputStream(pemFile)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int count = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("trusted-" + count++, certificate);
            }
            if (count == 0) {
                throw new IllegalArgumentException(pemFile + " holds no certificate");
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            this.tls = context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the certificates in " + pemFile + ": " + e.getMessage(), e);
        }
        return this;
    }

    /**
     * The longest name the client lets through, in characters (code points), checked before a
     * request is sent; set it to the server's {@code --max-name-length}. Default 1000, the
     * server's default. A server with a lower limit still answers 400, mapped to
     * {@link InvalidTaskException}.
     *
     * @throws IllegalArgumentException if {@code max} is less than 1
     */
    public TodoClientBuilder maxNameLength(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxNameLength cannot be less than 1");
        }
        this.maxNameLength = max;
        return this;
    }

    /** A client with this configuration. It connects on the first request, not here. */
    public TodoClient build() {
        if (tls != null && httpClient != null) {
            throw new IllegalStateException("trustCertificates and httpClient: give one; configure TLS on your own HttpClient");
        }
        return new TodoClient(this);
    }
}
