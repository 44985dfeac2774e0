package io.github.todo.standalone;

import io.github.todo.http.ApiExchange;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/** An {@link ApiExchange} over an Undertow exchange; nothing else. */
final class UndertowExchange implements ApiExchange {

    private final HttpServerExchange exchange;

    UndertowExchange(HttpServerExchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public String method() {
        return exchange.getRequestMethod().toString();
    }

    @Override
    public String path() {
        return exchange.getRelativePath();
    }

    @Override
    public String rawQuery() {
        String query = exchange.getQueryString();
        return query.isEmpty() ? null : query;
    }

    @Override
    public String basePath() {
        return exchange.getResolvedPath();
    }

    @Override
    public String requestHeader(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    @Override
    public long contentLength() {
        return exchange.getRequestContentLength();
    }

    @Override
    public InputStream body() {
        return exchange.getInputStream();
    }

    @Override
    public void header(String name, String value) {
        exchange.getResponseHeaders().put(HttpString.tryFromString(name), value);
    }

    @Override
    public void respond(int status, String contentType, byte[] body) {
        exchange.setStatusCode(status);
        if (contentType != null) {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        }
        exchange.setResponseContentLength(body.length);
        // Works on the I/O thread (non-blocking send) and on a worker in blocking mode alike.
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }

    @Override
    public OutputStream stream(int status, String contentType) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        return exchange.getOutputStream();
    }
}
