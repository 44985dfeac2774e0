package io.github.todo.http.internal;

import io.github.todo.http.ApiExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Passes everything through to the container's exchange and remembers the status sent, for {@link Metrics}. */
final class MeasuredExchange implements ApiExchange {

    private final ApiExchange exchange;
    private int status;

    MeasuredExchange(ApiExchange exchange) {
        this.exchange = exchange;
    }

    /** The status sent, or 0 when no response was started. */
    int status() {
        return status;
    }

    @Override
    public String method() {
        return exchange.method();
    }

    @Override
    public String path() {
        return exchange.path();
    }

    @Override
    public String rawQuery() {
        return exchange.rawQuery();
    }

    @Override
    public String basePath() {
        return exchange.basePath();
    }

    @Override
    public String requestHeader(String name) {
        return exchange.requestHeader(name);
    }

    @Override
    public long contentLength() {
        return exchange.contentLength();
    }

    @Override
    public InputStream body() throws IOException {
        return exchange.body();
    }

    @Override
    public void header(String name, String value) {
        exchange.header(name, value);
    }

    @Override
    public void respond(int status, String contentType, byte[] body) throws IOException {
        this.status = status;
        exchange.respond(status, contentType, body);
    }

    @Override
    public OutputStream stream(int status, String contentType) throws IOException {
        this.status = status;
        return exchange.stream(status, contentType);
    }

    @Override
    public void abort() {
        exchange.abort();
    }
}
