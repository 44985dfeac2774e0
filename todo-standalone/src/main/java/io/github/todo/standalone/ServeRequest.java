package io.github.todo.standalone;

import io.github.todo.http.ApiRequest;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.AttachmentKey;
import io.undertow.util.SameThreadExecutor;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/**
 * The last handler, with the body in memory: the one decision per request of which thread answers.
 * On this I/O thread now; on this I/O thread later, once the store is done (the exchange stays
 * open); or, for what may block (the list, health, metrics, files not yet read), on a worker.
 */
final class ServeRequest implements RequestStep {

    private static final Logger LOG = LoggerFactory.getLogger(ServeRequest.class);
    private static final Runnable KEEP_OPEN = () -> { };

    private final AnswerQueues answers = new AnswerQueues();
    private final AttachmentKey<ApiRequest> onWorkerRequest = AttachmentKey.create(ApiRequest.class);
    private final HttpHandler onWorker = new BlockingHandler(this::serveBlocking);

    @Override
    public void handle(HttpServerExchange exchange, ApiRequest request) throws Exception {
        if (!request.servedOnEventLoop()) {
            exchange.putAttachment(onWorkerRequest, request); // carried to the worker thread
            onWorker.handleRequest(exchange);
            return;
        }
        boolean later;
        try {
            later = request.serve(answers.of(exchange.getIoThread()));
        } catch (IOException e) {
            LOG.debug("response aborted: {}", e.getMessage());
            IoUtils.safeClose(exchange.getConnection());
            return;
        }
        if (later) {
            // Marked as dispatched, so Undertow leaves it open when this handler returns. The answer
            // is sent on the connection's own I/O thread: an exchange ended on another thread makes
            // that I/O thread spin (HttpReadListener) while the other thread re-arms the reads.
            exchange.dispatch(SameThreadExecutor.INSTANCE, KEEP_OPEN);
        }
    }

    private void serveBlocking(HttpServerExchange exchange) {
        try {
            exchange.getAttachment(onWorkerRequest).serve();
        } catch (IOException e) {
            // the client went away, or a streamed list broke off: drop the connection so it knows
            LOG.debug("response aborted: {}", e.getMessage());
            IoUtils.safeClose(exchange.getConnection());
        }
    }
}
