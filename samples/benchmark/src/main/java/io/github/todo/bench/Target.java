package io.github.todo.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import javax.net.ssl.SSLContext;

/**
 * Where the load goes: the socket address, the {@code Host} header and the path prefix of the
 * base URL, and for {@code https} the TLS context to connect with ({@code null} for plain HTTP).
 * Resolved once, so name lookups are not part of any request.
 */
record Target(URI url, InetSocketAddress address, String hostHeader, String basePath, SSLContext tls) {

    static Target of(URI url) {
        return of(url, null);
    }

    /** {@code tls}: used for an {@code https} URL (a default one when {@code null}); ignored for {@code http}. */
    static Target of(URI url, SSLContext tls) {
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        SSLContext context = !https ? null : tls != null ? tls : defaultContext();
        int port = url.getPort() < 0 ? (https ? 443 : 80) : url.getPort();
        String host = url.getHost();
        String hostHeader = url.getPort() < 0 ? host : host + ":" + port;
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        return new Target(url, new InetSocketAddress(host, port), hostHeader, path.endsWith("/") ? path.substring(0, path.length() - 1) : path,
                context);
    }

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK offers no TLS", e);
        }
    }
}
