package io.github.todo.standalone;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gives each request an id for {@code --access-log}: the client's or proxy's {@code X-Request-Id}
 * when it is a sane token (so one id follows a request through every hop), else a new random one;
 * echoed in the response, where the access log's line reads it.
 */
final class RequestIdHandler implements HttpHandler {

    static final HttpString HEADER = new HttpString("X-Request-Id");
    /** Letters, digits and {@code . _ : -}, as UUIDs and most tracing ids are; nothing that could forge a log line. */
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final HttpHandler next;

    RequestIdHandler(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String given = exchange.getRequestHeaders().getFirst(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given
                : String.format("%016x", ThreadLocalRandom.current().nextLong()); // an id, not a secret
        exchange.getResponseHeaders().put(HEADER, id);
        next.handleRequest(exchange);
    }

    @Override
    public String toString() {
        return "request-id()";
    }
}
