package io.github.todo.standalone;

import io.github.todo.http.ApiRequest;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import org.xnio.IoUtils;
import org.xnio.conduits.StreamSinkConduit;

/**
 * For a request answered without its body (a method that takes none, a refusal before the body:
 * 401, 413, 405...): the body is not kept, and is read past after the answer, until the request
 * timeout. A client still sending then reads the answer instead of a reset connection.
 */
record ReadPastBody(RequestStep next, long timeoutMillis) implements RequestStep {

    @Override
    public void handle(HttpServerExchange exchange, ApiRequest request) throws Exception {
        if (request.bodyLimit() < 0 && !exchange.isRequestComplete()) {
            readPastAfterAnswer(exchange, new BodyDeadline(exchange, timeoutMillis).arm());
        }
        next.handle(exchange, request);
    }

    /**
     * Undertow reads the rest of the body past after the answer (when the exchange ends), and the
     * deadline closes the connection if that takes too long. The answer says {@code Connection:
     * close}: a client that stopped sending its body when the answer came must not send its next
     * request on this connection, where it would be read past as the rest of the body. Undertow
     * reads past only on a connection it keeps, so the connection is kept for that (the header is
     * added once Undertow has decided so) and closed once the body is read past. Closed with the
     * body still arriving, the client's TCP stack would answer with a reset, and the answer might
     * be lost.
     */
    static void readPastAfterAnswer(HttpServerExchange exchange, BodyDeadline deadline) {
        exchange.setPersistent(true);
        exchange.addResponseWrapper((factory, answered) -> {
            StreamSinkConduit conduit = factory.create(); // Undertow decides here, from the headers, to keep the connection
            answered.getResponseHeaders().put(Headers.CONNECTION, "close"); // ... and the client is told otherwise
            return conduit;
        });
        exchange.addExchangeCompleteListener((ended, nextListener) -> {
            deadline.disarm();
            nextListener.proceed();
            IoUtils.safeClose(ended.getConnection());
        });
    }
}
