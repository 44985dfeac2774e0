package io.github.todo.http;

import java.util.List;
import java.util.Objects;

/**
 * How the HTTP API presents itself and whom it lets in; immutable.
 *
 * @param serverName   the token {@code GET /info} answers, default {@code todo}
 * @param maxBodyBytes the largest request body accepted, default 1 MiB; larger ones get 413
 * @param token        when set, {@code /tasks} requires {@code Authorization: Bearer <token>};
 *                     {@code null} (the default) leaves the API open
 * @param corsOrigins  browser origins allowed to call the API from other sites, such as
 *                     {@code https://app.example.com}; empty (the default) turns CORS off
 * @param metrics      whether {@code GET /metrics} serves Prometheus metrics (request counts and
 *                     latencies, the store's writer and pool, the JVM); off by default, when
 *                     {@code /metrics} answers 404. The endpoint needs no token.
 * @param allowedHosts the names a request's {@code Host} header may give (any port), lower case;
 *                     {@code *} (the default) allows any. Against DNS rebinding: a page of another
 *                     site that makes its own name resolve to 127.0.0.1 still sends that name.
 */
public record ApiSettings(String serverName, long maxBodyBytes, String token, List<String> corsOrigins, boolean metrics,
                          List<String> allowedHosts) {

    /** {@link #allowedHosts()} that allows any name. */
    public static final List<String> ANY_HOST = List.of("*");

    /** The default {@link #maxBodyBytes()}: 1 MiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    /** Validates the values. */
    public ApiSettings {
        if (serverName == null || !isPrintableWord(serverName)) {
            throw new IllegalArgumentException("serverName must be one printable ASCII token without spaces");
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes cannot be less than 1");
        }
        if (token != null && !isPrintableWord(token)) {
            throw new IllegalArgumentException("token must be printable ASCII without spaces");
        }
        corsOrigins = List.copyOf(Objects.requireNonNull(corsOrigins, "corsOrigins"));
        List<String> hosts = new java.util.ArrayList<>();
        for (String host : Objects.requireNonNull(allowedHosts, "allowedHosts")) {
            String name = host.trim().toLowerCase(java.util.Locale.ROOT);
            if (name.startsWith("[") && name.endsWith("]")) {
                name = name.substring(1, name.length() - 1); // an IPv6 literal as a Host header writes it
            }
            if (name.endsWith(".")) {
                name = name.substring(0, name.length() - 1); // the root's dot: the header check drops it too
            }
            if (!name.equals("*") && !name.matches("[a-z0-9.\\-]+|[0-9a-f:.]+")) {
                throw new IllegalArgumentException("allowedHosts: '" + host + "' is not a host name, an IP address or *");
            }
            hosts.add(name);
        }
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("allowedHosts cannot be empty: * allows any");
        }
        allowedHosts = List.copyOf(hosts);
    }

    /**
     * Whether {@code text} is what {@link #serverName()} and {@link #token()} must be: one word of
     * printable ASCII, at least one character, each from {@code !} to {@code ~}.
     */
    public static boolean isPrintableWord(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c >= '!' && c <= '~');
    }

    /** Settings without metrics, for any host. */
    public ApiSettings(String serverName, long maxBodyBytes, String token, List<String> corsOrigins) {
        this(serverName, maxBodyBytes, token, corsOrigins, false, ANY_HOST);
    }

    /** Settings for any host. */
    public ApiSettings(String serverName, long maxBodyBytes, String token, List<String> corsOrigins, boolean metrics) {
        this(serverName, maxBodyBytes, token, corsOrigins, metrics, ANY_HOST);
    }

    /** The defaults: name {@code todo}, 1 MiB bodies, no token, no CORS, no metrics. */
    public static ApiSettings defaults() {
        return new ApiSettings("todo", DEFAULT_MAX_BODY_BYTES, null, List.of());
    }

    /** A copy with another server name. */
    public ApiSettings withServerName(String name) {
        return new ApiSettings(name, maxBodyBytes, token, corsOrigins, metrics, allowedHosts);
    }

    /** A copy with another body limit. */
    public ApiSettings withMaxBodyBytes(long bytes) {
        return new ApiSettings(serverName, bytes, token, corsOrigins, metrics, allowedHosts);
    }

    /** A copy that requires {@code bearerToken} on {@code /tasks}, or no token when {@code null}. */
    public ApiSettings withToken(String bearerToken) {
        return new ApiSettings(serverName, maxBodyBytes, bearerToken, corsOrigins, metrics, allowedHosts);
    }

    /** A copy that allows these CORS origins. */
    public ApiSettings withCorsOrigins(List<String> origins) {
        return new ApiSettings(serverName, maxBodyBytes, token, origins, metrics, allowedHosts);
    }

    /** A copy with {@code GET /metrics} on or off. */
    public ApiSettings withMetrics(boolean on) {
        return new ApiSettings(serverName, maxBodyBytes, token, corsOrigins, on, allowedHosts);
    }

    /** A copy that answers requests for these {@code Host} names only ({@code *}: any). */
    public ApiSettings withAllowedHosts(List<String> hosts) {
        return new ApiSettings(serverName, maxBodyBytes, token, corsOrigins, metrics, hosts);
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "ApiSettings[serverName=" + serverName + ", maxBodyBytes=" + maxBodyBytes
                + ", token=" + (token == null ? "none" : "****") + ", corsOrigins=" + corsOrigins + ", metrics=" + metrics + ", allowedHosts=" + allowedHosts + "]";
    }
}
