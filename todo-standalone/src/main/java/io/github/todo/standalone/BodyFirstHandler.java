package io.github.todo.standalone;

import io.undertow.io.Receiver;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;
import org.xnio.conduits.StreamSinkConduit;

/**
 * Reads a request body whole, without blocking, on the I/O thread, and only then hands the request
 * to {@code next} (which queues a task write for the store's writer, or runs the request on a worker
 * thread). A client that trickles its body in a byte at a time then costs a connection, not one of
 * the few worker threads that do the database work: read on the worker instead, 32 such clients
 * stopped every other request (SlowClientsJarTest).
 */
final class BodyFirstHandler implements HttpHandler {

    /** The body as received; {@link UndertowExchange#body()} reads it from here. */
    static final AttachmentKey<InputStream> BODY = AttachmentKey.create(InputStream.class);

    private static final Logger LOG = LoggerFactory.getLogger(BodyFirstHandler.class);
    private static final byte[] NO_BODY = new byte[0];

    private final HttpHandler next;
    private final RefusedBeforeBody refused;
    private final int maxBody;
    private final long bodyTimeoutMillis;

    /**
     * Answers a request that is refused whatever its body holds, and says whether it did; runs
     * {@code beforeAnswer} first when it refuses, which prepares how the answer goes out.
     */
    @FunctionalInterface
    interface RefusedBeforeBody {
        boolean answered(HttpServerExchange exchange, Runnable beforeAnswer) throws Exception;
    }

    BodyFirstHandler(HttpHandler next, RefusedBeforeBody refused, long maxBodyBytes, long bodyTimeoutMillis) {
        this.next = next;
        this.refused = refused;
        this.bodyTimeoutMillis = bodyTimeoutMillis;
        this.maxBody = (int) Math.min(Integer.MAX_VALUE - 1, maxBodyBytes);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        boolean withBody = exchange.getRequestMethod().equals(Methods.POST) || exchange.getRequestMethod().equals(Methods.PUT)
                || exchange.getRequestMethod().equals(Methods.PATCH);
        boolean complete = exchange.isRequestComplete(); // no body at all, or an empty one
        long declared = withBody && !complete ? new UndertowExchange(exchange).contentLength() : 0;
        if (!withBody || declared > maxBody) {
            if (!complete) {
                // Answered without the body: a method that takes none, or a body declared over the
                // limit (413 at once, before a byte is read). Undertow reads the rest past after the
                // answer, unkept, so that a client still sending reads it instead of a reset
                // connection; the deadline bounds for how long.
                readPastAfterAnswer(exchange, armed(new Deadline(exchange)));
            }
            next.handleRequest(exchange);
            return;
        }
        if (complete) {
            pass(exchange, NO_BODY);
            return;
        }
        // a body nobody may send: not kept, read past after the answer until the deadline
        if (refused.answered(exchange, () -> readPastAfterAnswer(exchange, armed(new Deadline(exchange))))) {
            return;
        }
        Receiver receiver = exchange.getRequestReceiver();
        Deadline deadline = new Deadline(exchange);
        Receiver.ErrorCallback broken = (failed, e) -> {
            deadline.disarm();
            // The client went away or stalled past the read timeout: nobody to answer. Undertow
            // runs this callback as a root handler and ends the exchange when it returns.
            LOG.debug("request body broke off: {}", e.getMessage());
            IoUtils.safeClose(failed.getConnection());
        };
        // Kept as it arrives, in a buffer that grows with it: one sized from the declared length
        // up front cost each connection that declared 1 MiB and sent nothing a MiB of heap.
        Collected body = new Collected(declared);
        receiver.receivePartialBytes((received, chunk, last) -> {
            if (!body.add(chunk)) {
                // a chunked body past the limit: refused now; Undertow reads the rest past after
                // the 413 until it ends or the deadline, which stays armed for that
                receiver.pause();
                readPastAfterAnswer(received, deadline);
                refuse(received);
            } else if (last) {
                deadline.disarm();
                pass(received, body.stream());
            }
        }, broken);
        deadline.arm(); // only for a body still on its way: most arrive with their headers
    }

    /**
     * For a request answered before all of its body has arrived: Undertow reads the rest past
     * after the answer (when the exchange ends), and the deadline closes the connection if that
     * takes longer than the request timeout. The answer says {@code Connection: close}: a client
     * that stopped sending its body when the answer came must not send its next request on this
     * connection, where it would be read past as the rest of the body. Undertow reads past only on
     * a connection it keeps, so the connection is kept for that (the header is added once Undertow
     * has decided so) and closed once the body is read past. Closed with the body still
     * arriving, the client's TCP stack would answer with a reset, and the answer might be lost.
     */
    private static void readPastAfterAnswer(HttpServerExchange exchange, Deadline deadline) {
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

    private static Deadline armed(Deadline deadline) {
        deadline.arm();
        return deadline;
    }

    /**
     * A body's bytes as they arrive, up to the limit, in a buffer that starts small and doubles, so
     * it never holds more than twice what arrived.
     */
    private final class Collected {
        private byte[] bytes;
        private int size;

        Collected(long declared) {
            // chunked (no length declared): a small start; else what was declared, up to 8 KiB
            this.bytes = new byte[declared < 0 ? 1024 : (int) Math.min(declared, 8 * 1024)];
        }

        /** False, and nothing kept, once more has arrived than the limit. */
        boolean add(byte[] chunk) {
            if ((long) size + chunk.length > maxBody) {
                return false;
            }
            if (size + chunk.length > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(maxBody, Math.max(size + chunk.length, 2L * bytes.length)));
            }
            System.arraycopy(chunk, 0, bytes, size, chunk.length);
            size += chunk.length;
            return true;
        }

        InputStream stream() {
            return new ByteArrayInputStream(bytes, 0, size);
        }
    }

    /**
     * The whole body must arrive within the request timeout. The read timeout alone lets a client
     * that sends a byte now and then hold its connection for ever. Armed, disarmed and run on the
     * connection's I/O thread, so it never races the body's callbacks.
     */
    private final class Deadline implements Runnable {
        private final HttpServerExchange exchange;
        private volatile XnioExecutor.Key key;
        private volatile boolean over;

        Deadline(HttpServerExchange exchange) {
            this.exchange = exchange;
        }

        void arm() {
            if (!over) {
                key = exchange.getIoThread().executeAfter(this, bodyTimeoutMillis, TimeUnit.MILLISECONDS);
            }
        }

        void disarm() {
            over = true;
            XnioExecutor.Key armed = key;
            if (armed != null) {
                armed.remove();
            }
        }

        @Override
        public void run() {
            if (!over) { // the exchange may have ended on a worker thread just now
                LOG.debug("request body not complete after {} ms: closing the connection", bodyTimeoutMillis);
                IoUtils.safeClose(exchange.getConnection());
            }
        }
    }

    /**
     * Lets the API refuse a body over the limit with its own 413: it reads a stand-in one byte too
     * long, of blanks, which JSON skips, so it counts them all before it could object. The blanks
     * are made as they are read, never held.
     */
    private void refuse(HttpServerExchange exchange) {
        pass(exchange, new InputStream() {
            private long left = maxBody + 1L;

            @Override
            public int read() {
                return left-- > 0 ? ' ' : -1;
            }

            @Override
            public int read(byte[] into, int offset, int length) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                Arrays.fill(into, offset, offset + n, (byte) ' ');
                left -= n;
                return n;
            }
        });
    }

    private void pass(HttpServerExchange exchange, byte[] body) {
        pass(exchange, new ByteArrayInputStream(body));
    }

    private void pass(HttpServerExchange exchange, InputStream body) {
        exchange.putAttachment(BODY, body);
        try {
            next.handleRequest(exchange);
        } catch (Exception e) {
            LOG.warn("request failed", e);
            IoUtils.safeClose(exchange.getConnection());
        }
    }
}
