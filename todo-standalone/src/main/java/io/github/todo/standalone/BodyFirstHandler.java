package io.github.todo.standalone;

import io.github.todo.http.ApiSettings;
import io.undertow.io.Receiver;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Methods;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

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
    private final int maxReceived;
    private final long bodyTimeoutMillis;

    /** Answers a request that is refused whatever its body holds, and says whether it did. */
    @FunctionalInterface
    interface RefusedBeforeBody {
        boolean answered(HttpServerExchange exchange) throws Exception;
    }

    BodyFirstHandler(HttpHandler next, RefusedBeforeBody refused, long maxBodyBytes, long bodyTimeoutMillis) {
        this.next = next;
        this.refused = refused;
        this.bodyTimeoutMillis = bodyTimeoutMillis;
        this.maxBody = (int) Math.min(Integer.MAX_VALUE - 1, maxBodyBytes);
        this.maxReceived = (int) Math.min(Integer.MAX_VALUE - 1, maxBodyBytes + ApiSettings.OVERSIZE_DISCARD_BYTES);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        boolean withBody = exchange.getRequestMethod().equals(Methods.POST) || exchange.getRequestMethod().equals(Methods.PUT)
                || exchange.getRequestMethod().equals(Methods.PATCH);
        long declared = withBody ? new UndertowExchange(exchange).contentLength() : 0;
        if (!withBody || declared > maxReceived) {
            next.handleRequest(exchange); // nothing to wait for, or refused with 413 before a byte is read
            return;
        }
        if (exchange.isRequestComplete()) {
            pass(exchange, NO_BODY);
            return;
        }
        if (refused.answered(exchange)) {
            // Not kept: Undertow reads the rest of a declared body past, unbuffered, to reach the next
            // request. One without a bound (chunked, or declared past what is ever counted through)
            // ends the connection instead, so it cannot be streamed at us for ever.
            if (declared < 0 || declared > maxReceived) {
                exchange.setPersistent(false);
            }
            return;
        }
        Receiver receiver = exchange.getRequestReceiver();
        Deadline deadline = new Deadline(exchange);
        Receiver.ErrorCallback broken = (failed, e) -> {
            deadline.disarm();
            if (e instanceof Receiver.RequestToLargeException) {
                refuse(failed); // a chunked body over the limit
            } else {
                // The client went away or stalled past the read timeout: nobody to answer. Undertow
                // runs this callback as a root handler and ends the exchange when it returns.
                LOG.debug("request body broke off: {}", e.getMessage());
                IoUtils.safeClose(failed.getConnection());
            }
        };
        // A body a little over the limit is read, so the API's 413 reaches a client that is still
        // sending (ApiSettings.OVERSIZE_DISCARD_BYTES); only a larger one is cut off.
        if (declared > maxBody) {
            // Refused whatever it holds: counted through, not kept. Kept whole, each such request cost
            // a buffer of its declared size at once, and hundreds of slow ones starved the heap.
            receiver.receivePartialBytes((received, chunk, last) -> {
                if (last) {
                    deadline.disarm();
                    refuse(received);
                }
            }, broken);
        } else {
            // Kept as it arrives, in a buffer that grows with it: one sized from the declared length
            // up front cost each connection that declared 1 MiB and sent nothing a MiB of heap.
            Collected body = new Collected(declared);
            receiver.receivePartialBytes((received, chunk, last) -> {
                if (!body.add(chunk)) {
                    receiver.pause(); // a chunked body past the limit: refused now, the rest unread
                    deadline.disarm();
                    refuse(received);
                } else if (last) {
                    deadline.disarm();
                    if (body.size() > maxBody) {
                        refuse(received);
                    } else {
                        pass(received, body.stream());
                    }
                }
            }, broken);
        }
        deadline.arm(); // only for a body still on its way: most arrive with their headers
    }

    /**
     * A body's bytes as they arrive: held up to the limit, counted past it (until
     * {@code maxReceived}), in a buffer that starts small and doubles, so it never holds more
     * than twice what arrived.
     */
    private final class Collected {
        private byte[] bytes;
        private int size;
        private long total;

        Collected(long declared) {
            // chunked (no length declared): a small start; else what was declared, up to 8 KiB
            this.bytes = new byte[declared < 0 ? 1024 : (int) Math.min(declared, 8 * 1024)];
        }

        /** False once more has arrived than may even be counted through. */
        boolean add(byte[] chunk) {
            total += chunk.length;
            if (total > maxReceived) {
                return false;
            }
            if (total <= maxBody) {
                if (size + chunk.length > bytes.length) {
                    bytes = Arrays.copyOf(bytes, (int) Math.min(maxBody, Math.max(size + chunk.length, 2L * bytes.length)));
                }
                System.arraycopy(chunk, 0, bytes, size, chunk.length);
                size += chunk.length;
            }
            return true;
        }

        long size() {
            return total;
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
        private XnioExecutor.Key key;
        private boolean over;

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
            if (key != null) {
                key.remove();
            }
        }

        @Override
        public void run() {
            LOG.debug("request body not complete after {} ms: closing the connection", bodyTimeoutMillis);
            IoUtils.safeClose(exchange.getConnection());
        }
    }

    /**
     * Lets the API refuse a body over the limit with its own 413: it reads a stand-in one byte too
     * long, of blanks, which JSON skips, so it counts them all before it could object. The blanks
     * are made as they are read, never held.
     */
    private void refuse(HttpServerExchange exchange) {
        exchange.setPersistent(false);
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
