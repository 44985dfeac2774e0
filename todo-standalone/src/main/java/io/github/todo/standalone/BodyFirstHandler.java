package io.github.todo.standalone;

import io.github.todo.http.ApiSettings;
import io.undertow.io.Receiver;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Methods;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/**
 * Reads a request body whole, without blocking, on the I/O thread, and only then hands the request
 * to {@code next}, which runs it on a worker thread. A client that trickles its body in a byte at a
 * time then costs a connection, not one of the few worker threads that do the database work: read
 * on the worker instead, 32 such clients stopped every other request (SlowClientsJarTest).
 */
final class BodyFirstHandler implements HttpHandler {

    /** The body as received; {@link UndertowExchange#body()} reads it from here. */
    static final AttachmentKey<byte[]> BODY = AttachmentKey.create(byte[].class);

    private static final Logger LOG = LoggerFactory.getLogger(BodyFirstHandler.class);

    private final HttpHandler next;
    private final int maxBody;
    private final int maxReceived;

    BodyFirstHandler(HttpHandler next, long maxBodyBytes) {
        this.next = next;
        this.maxBody = (int) Math.min(Integer.MAX_VALUE - 1, maxBodyBytes);
        this.maxReceived = (int) Math.min(Integer.MAX_VALUE - 1, maxBodyBytes + ApiSettings.OVERSIZE_DISCARD_BYTES);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        boolean withBody = exchange.getRequestMethod().equals(Methods.POST) || exchange.getRequestMethod().equals(Methods.PUT)
                || exchange.getRequestMethod().equals(Methods.PATCH);
        if (!withBody || exchange.isRequestComplete() || new UndertowExchange(exchange).contentLength() > maxReceived) {
            next.handleRequest(exchange); // nothing to wait for, or refused with 413 before a byte is read
            return;
        }
        Receiver receiver = exchange.getRequestReceiver();
        // A body a little over the limit is taken whole, so the API's 413 reaches a client that is
        // still sending (ApiSettings.OVERSIZE_DISCARD_BYTES); only a larger one is cut off.
        receiver.setMaxBufferSize(maxReceived);
        receiver.receiveFullBytes((received, body) -> pass(received, body), (failed, e) -> {
            if (e instanceof Receiver.RequestToLargeException) {
                // A chunked body over the limit. The API refuses it with its own 413 when it reads a stand-in
                // one byte too long: blanks, which JSON skips, so it counts them all before it could object.
                byte[] standIn = new byte[maxBody + 1];
                Arrays.fill(standIn, (byte) ' ');
                failed.setPersistent(false);
                pass(failed, standIn);
            } else {
                // The client went away or stalled past the read timeout: nobody to answer. Undertow
                // runs this callback as a root handler and ends the exchange when it returns.
                LOG.debug("request body broke off: {}", e.getMessage());
                IoUtils.safeClose(failed.getConnection());
            }
        });
    }

    private void pass(HttpServerExchange exchange, byte[] body) {
        exchange.putAttachment(BODY, body);
        try {
            next.handleRequest(exchange);
        } catch (Exception e) {
            LOG.warn("request failed", e);
            IoUtils.safeClose(exchange.getConnection());
        }
    }
}
