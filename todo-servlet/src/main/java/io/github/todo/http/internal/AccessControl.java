package io.github.todo.http.internal;

import io.github.todo.http.ApiExchange;
import io.github.todo.http.ApiSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Who may call the API: the optional bearer token on the routes that need it, and CORS for
 * browsers on other origins. Off unless configured.
 */
final class AccessControl {

    private static final String BEARER = "Bearer ";

    /** What {@code /tasks} asks of a request: a bearer token, or nothing ({@link #OPEN}). */
    private final TokenCheck tokens;
    private final List<String> origins;
    private final List<String> hosts; // empty: any
    /** Host headers already let through, as sent: most requests then cost one lookup, no parsing. */
    private final java.util.Set<String> accepted = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Accepted headers are allowed names with a port, so few; the bound only guards the memory. */
    private static final int MAX_ACCEPTED = 256;

    public AccessControl(ApiSettings settings) {
        this.tokens = settings.token() == null ? OPEN : bearer(settings.token().getBytes(StandardCharsets.US_ASCII));
        this.origins = settings.corsOrigins();
        this.hosts = settings.allowedHosts().contains("*") ? List.of() : settings.allowedHosts();
    }

    /**
     * Refuses a request whose {@code Host} names none of the allowed hosts: a page of another site
     * that rebinds its own name to this address still sends its name. A request without a Host
     * (HTTP/1.0) passes: a browser always sends one.
     *
     * @throws HttpProblemException 400 naming the header
     */
    public void checkHost(ApiExchange exchange) {
        if (hosts.isEmpty()) {
            return;
        }
        String header = exchange.requestHeader("Host");
        if (header == null || accepted.contains(header)) {
            return;
        }
        String name = header.trim().toLowerCase(java.util.Locale.ROOT);
        if (name.startsWith("[")) {
            int end = name.indexOf(']');
            name = end < 0 ? name : name.substring(1, end);
        } else if (name.indexOf(':') == name.lastIndexOf(':') && name.indexOf(':') >= 0) {
            name = name.substring(0, name.indexOf(':'));
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (!hosts.contains(name)) {
            throw new HttpProblemException(400, "Host", "this server does not answer for the host '" + header.trim()
                    + "'; start it with --allowed-hosts (allowedHosts) naming it");
        }
        if (accepted.size() < MAX_ACCEPTED) {
            accepted.add(header);
        }
    }

    /**
     * Adds the CORS headers a request from an allowed origin needs. Returns true when the request
     * is a preflight, to be answered with a 204 and these headers.
     */
    public boolean cors(ApiExchange exchange, Route route) {
        if (origins.isEmpty()) {
            return false;
        }
        String origin = exchange.requestHeader("Origin");
        exchange.header("Vary", "Origin");
        if (origin == null || !(origins.contains(origin) || origins.contains("*"))) {
            return false; // no CORS headers: the browser keeps the response from the page
        }
        exchange.header("Access-Control-Allow-Origin", origin);
        boolean preflight = "OPTIONS".equals(exchange.method()) && exchange.requestHeader("Access-Control-Request-Method") != null;
        if (!preflight) {
            exchange.header("Access-Control-Expose-Headers", "Location, Link, ETag");
            return false;
        }
        exchange.header("Access-Control-Allow-Methods", route.allow());
        exchange.header("Access-Control-Allow-Headers", "Content-Type, Authorization, If-Match, If-None-Match");
        exchange.header("Access-Control-Max-Age", "600");
        return true;
    }

    /**
     * Checks the bearer token on a route whose {@link Route#access()} is {@link Route.Access#TOKEN}.
     *
     * @throws HttpProblemException 401 with {@code WWW-Authenticate} when the token is missing or wrong
     */
    public void authorize(ApiExchange exchange, Route route) {
        switch (verdict(exchange, route)) {
            case ALLOWED -> { }
            case NO_TOKEN -> {
                exchange.header("WWW-Authenticate", "Bearer realm=\"todo\"");
                throw new HttpProblemException(401, "Authorization", "this API needs an Authorization: Bearer token");
            }
            case WRONG_TOKEN -> {
                exchange.header("WWW-Authenticate", "Bearer realm=\"todo\", error=\"invalid_token\"");
                throw new HttpProblemException(401, "Authorization", "the bearer token is not valid");
            }
        }
    }

    private enum Verdict { ALLOWED, NO_TOKEN, WRONG_TOKEN }

    private Verdict verdict(ApiExchange exchange, Route route) {
        return route.access() == Route.Access.OPEN ? Verdict.ALLOWED : tokens.verdict(exchange);
    }

    private interface TokenCheck {
        Verdict verdict(ApiExchange exchange);
    }

    /** No token configured: the API is open. */
    private static final TokenCheck OPEN = exchange -> Verdict.ALLOWED;

    private static TokenCheck bearer(byte[] token) {
        return exchange -> {
            String header = exchange.requestHeader("Authorization");
            if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return Verdict.NO_TOKEN;
            }
            byte[] given = header.substring(BEARER.length()).trim().getBytes(StandardCharsets.US_ASCII);
            // constant time: the comparison must not tell how much of a guess was right
            return MessageDigest.isEqual(given, token) ? Verdict.ALLOWED : Verdict.WRONG_TOKEN;
        };
    }
}
