package io.github.todo.standalone;

import io.github.todo.http.ApiRequest;
import io.undertow.io.Receiver;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/**
 * Reads a request body whole, up to the route's limit, without blocking, on the I/O thread, and
 * only then hands the request on. A client that trickles its body in a byte at a time then costs
 * a connection, not a worker thread: read on a worker instead, 32 such clients stopped every other
 * request (SlowClientsJarTest). A body past the limit is refused (413) and read past.
 */
record BufferBody(RequestStep next, long timeoutMillis) implements RequestStep {

    /** The body as received; {@link UndertowExchange#body()} reads it from here. */
    static final AttachmentKey<InputStream> BODY = AttachmentKey.create(InputStream.class);

    private static final Logger LOG = LoggerFactory.getLogger(BufferBody.class);
    private static final byte[] NO_BODY = new byte[0];

    @Override
    public void handle(HttpServerExchange exchange, ApiRequest request) throws Exception {
        long limit = request.bodyLimit();
        if (limit < 0) {
            next.handle(exchange, request);
            return;
        }
        if (exchange.isRequestComplete()) { // an empty body
            pass(exchange, request, new ByteArrayInputStream(NO_BODY));
            return;
        }
        Receiver receiver = exchange.getRequestReceiver();
        BodyDeadline deadline = new BodyDeadline(exchange, timeoutMillis);
        Receiver.ErrorCallback broken = (failed, e) -> {
            deadline.disarm();
            // The client went away or stalled past the read timeout: nobody to answer. Undertow
            // runs this callback as a root handler and ends the exchange when it returns.
            LOG.debug("request body broke off: {}", e.getMessage());
            IoUtils.safeClose(failed.getConnection());
        };
        Collected body = new Collected(exchange.getRequestContentLength(), (int) Math.min(Integer.MAX_VALUE - 1, limit));
        receiver.receivePartialBytes((received, chunk, last) -> {
            if (!body.add(chunk)) {
                // past the limit: refused now; Undertow reads the rest past after the 413 until it
                // ends or the deadline, which stays armed for that
                receiver.pause();
                ReadPastBody.readPastAfterAnswer(received, deadline);
                request.bodyTooLarge();
                pass(received, request, null);
            } else if (last) {
                deadline.disarm();
                pass(received, request, body.stream());
            }
        }, broken);
        deadline.arm(); // only for a body still on its way: most arrive with their headers
    }

    private void pass(HttpServerExchange exchange, ApiRequest request, InputStream body) {
        if (body != null) {
            exchange.putAttachment(BODY, body);
        }
        try {
            next.handle(exchange, request);
        } catch (Exception e) {
            LOG.warn("request failed", e);
            IoUtils.safeClose(exchange.getConnection());
        }
    }

    /**
     * A body's bytes as they arrive, up to the limit, in a buffer that starts small and doubles, so
     * it never holds more than twice what arrived: one sized from the declared length up front cost
     * each connection that declared 1 MiB and sent nothing a MiB of heap.
     */
    private static final class Collected {
        private final int limit;
        private byte[] bytes;
        private int size;

        Collected(long declared, int limit) {
            this.limit = limit;
            // chunked (no length declared): a small start; else what was declared, up to 8 KiB
            this.bytes = new byte[declared < 0 ? 1024 : (int) Math.min(declared, 8 * 1024)];
        }

        /** False, and nothing kept, once more has arrived than the limit. */
        boolean add(byte[] chunk) {
            if ((long) size + chunk.length > limit) {
                return false;
            }
            if (size + chunk.length > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(limit, Math.max(size + chunk.length, 2L * bytes.length)));
            }
            System.arraycopy(chunk, 0, bytes, size, chunk.length);
            size += chunk.length;
            return true;
        }

        InputStream stream() {
            return new ByteArrayInputStream(bytes, 0, size);
        }
    }
}
