package io.github.todo.standalone;

import io.github.todo.http.ApiExchange;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.RejectedExecutionException;
import org.xnio.IoUtils;

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
        // A name Undertow knows is looked up by its HttpString, hashed once; by the String, each
        // lookup copies the name to hash it
        HttpString known = Headers.fromCache(name);
        return known != null ? exchange.getRequestHeaders().getFirst(known) : exchange.getRequestHeaders().getFirst(name);
    }

    @Override
    public long contentLength() {
        try {
            return exchange.getRequestContentLength();
        } catch (NumberFormatException beyond64Bits) {
            // Undertow lets "Content-Length: 18446744073709551616" through and then fails to parse it:
            // all digits means larger than any limit (413); anything else is no usable length
            String declared = exchange.getRequestHeaders().getFirst(Headers.CONTENT_LENGTH);
            return declared != null && declared.chars().allMatch(c -> c >= '0' && c <= '9') ? Long.MAX_VALUE : -1;
        }
    }

    @Override
    public InputStream body() {
        InputStream received = exchange.getAttachment(BufferBody.BODY);
        return received != null ? received : exchange.getInputStream();
    }

    @Override
    public void header(String name, String value) {
        exchange.getResponseHeaders().put(HttpString.tryFromString(name), value);
    }

    @Override
    public void respond(int status, String contentType, byte[] body) throws IOException {
        requireOpen();
        exchange.setStatusCode(status);
        if (contentType != null) {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        }
        exchange.setResponseContentLength(body.length);
        try {
            // Works on the I/O thread (non-blocking send) and on a worker in blocking mode alike.
            exchange.getResponseSender().send(ByteBuffer.wrap(body));
        } catch (RejectedExecutionException stopping) {
            // the connection's I/O thread is stopping with the server: nobody left to answer
            throw new IOException("the server is stopping", stopping);
        }
    }

    @Override
    public OutputStream stream(int status, String contentType) throws IOException {
        requireOpen();
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        return exchange.getOutputStream();
    }

    @Override
    public void abort() {
        IoUtils.safeClose(exchange.getConnection());
    }

    /**
     * When a request body breaks off (a chunked body cut short, a chunk over Undertow's size limit),
     * Undertow closes the connection and ends the exchange itself: there is nobody left to answer.
     * Saying so as an IOException lets the server drop the exchange quietly instead of logging an
     * IllegalStateException ("response already started") for every such request.
     */
    private void requireOpen() throws IOException {
        if (exchange.isResponseStarted()) {
            throw new IOException("the connection closed while the request was read");
        }
    }
}
