package io.github.todo.standalone;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Options;
import org.xnio.Sequence;

/**
 * HTTPS on the server's port: TLS 1.2 and 1.3 with the JDK's AEAD cipher suites only, HTTP/2 for
 * clients that ask for it by ALPN and HTTP/1.1 for the others; and, on {@code --http-port}, plain
 * HTTP that only redirects to it.
 */
final class HttpsListener {

    private static final Logger LOG = LoggerFactory.getLogger(HttpsListener.class);
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\]");

    private HttpsListener() {
        // Prevent instantiation
    }

    /**
     * The certificate, checked for this server: one that has expired (or is not yet valid) starts
     * with a warning; one that does not name {@code --host}, when that is a name, is refused.
     */
    static ServerCertificate certificate(ServerSettings settings) {
        ServerCertificate certificate = new ServerCertificate(settings.tls().keys());
        TlsIdentity identity = certificate.identity();
        String host = settings.host();
        if (!TlsIdentity.isAddress(host) && !identity.names(host)) {
            certificate.close();
            throw new TlsException("the certificate (" + identity.describe() + ") does not name " + host
                    + ", the --host clients reach this server by");
        }
        if (identity.expired()) {
            LOG.warn("TLS: the certificate is not valid now, so clients will refuse it: {}", identity.describe());
        }
        return certificate;
    }

    static void add(Undertow.Builder builder, ServerSettings settings, ServerCertificate certificate, IntSupplier httpsPort) {
        SSLContext context = certificate.context();
        builder.addHttpsListener(settings.port(), settings.host(), context)
                .setServerOption(UndertowOptions.ENABLE_HTTP2, true)
                .setSocketOption(Options.SSL_ENABLED_PROTOCOLS, Sequence.of("TLSv1.3", "TLSv1.2"))
                .setSocketOption(Options.SSL_ENABLED_CIPHER_SUITES, Sequence.of(strongSuites(context)));
        if (settings.tls().httpPort() != 0) {
            builder.addListener(new Undertow.ListenerBuilder().setType(Undertow.ListenerType.HTTP)
                    .setPort(settings.tls().httpPort()).setHost(settings.host())
                    .setRootHandler(exchange -> redirect(exchange, settings.host(), httpsPort.getAsInt())));
        }
    }

    /** The JDK's default suites that encrypt with an AEAD and agree keys with forward secrecy. */
    private static String[] strongSuites(SSLContext context) {
        return Arrays.stream(context.getDefaultSSLParameters().getCipherSuites())
                .filter(suite -> suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")
                        || (suite.startsWith("TLS_ECDHE_") && (suite.contains("_GCM_") || suite.contains("CHACHA20"))))
                .toArray(String[]::new);
    }

    /** 308 to the same path on HTTPS (308 keeps the method and body, unlike 301). */
    private static void redirect(HttpServerExchange exchange, String boundHost, int httpsPort) {
        String given = exchange.getRequestHeaders().getFirst(Headers.HOST);
        String host = given == null ? boundHost : given.replaceFirst(":[0-9]*$", "");
        if (!HOST_NAME.matcher(host).matches()) {
            host = boundHost;
        }
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        String query = exchange.getQueryString();
        String location = "https://" + host.toLowerCase(Locale.ROOT) + (httpsPort == 443 ? "" : ":" + httpsPort)
                + exchange.getRequestURI() + (query.isEmpty() ? "" : "?" + query);
        exchange.setStatusCode(StatusCodes.PERMANENT_REDIRECT);
        exchange.getResponseHeaders().put(Headers.LOCATION, location);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseSender().send("This server answers on HTTPS: " + location + "\n");
    }
}
