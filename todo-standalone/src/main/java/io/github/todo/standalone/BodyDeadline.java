package io.github.todo.standalone;

import io.undertow.server.HttpServerExchange;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * A request's body must arrive (or be read past) within the request timeout: the read timeout
 * alone lets a client that sends a byte now and then hold its connection for ever. Past the
 * deadline the connection closes. Armed, disarmed and run on the connection's I/O thread, so it
 * never races the body's callbacks.
 */
final class BodyDeadline implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(BodyDeadline.class);

    private final HttpServerExchange exchange;
    private final long millis;
    private volatile XnioExecutor.Key key;
    private volatile boolean over;

    BodyDeadline(HttpServerExchange exchange, long millis) {
        this.exchange = exchange;
        this.millis = millis;
    }

    BodyDeadline arm() {
        if (!over) {
            key = exchange.getIoThread().executeAfter(this, millis, TimeUnit.MILLISECONDS);
        }
        return this;
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
            LOG.debug("request body not complete after {} ms: closing the connection", millis);
            IoUtils.safeClose(exchange.getConnection());
        }
    }
}
