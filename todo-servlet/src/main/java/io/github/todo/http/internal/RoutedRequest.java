package io.github.todo.http.internal;

import io.github.todo.core.StoreException;
import io.github.todo.http.ApiExchange;
import io.github.todo.http.ApiRequest;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request past the {@link Dispatcher}'s checks: either routed to its endpoint, or with its
 * answer decided already (a refusal, OPTIONS). Serving runs the handler and sends its answer: now,
 * when the handler's stage is complete or the thread may wait for it, else on the executor given.
 */
final class RoutedRequest implements ApiRequest {

    private static final Logger LOG = LoggerFactory.getLogger(RoutedRequest.class);
    /** How long a thread that may block waits for the store: far past any commit or read a working disk takes. */
    private static final long WAIT_SECONDS = 30;

    private final Dispatcher dispatcher;
    private final ApiExchange exchange;
    private final Router.Match match;
    private final long started;
    private Route.Endpoint endpoint;
    /** The answer decided before the handler, or null when the handler answers. */
    private Reply decided;

    RoutedRequest(Dispatcher dispatcher, ApiExchange exchange, Router.Match match, long started) {
        this.dispatcher = dispatcher;
        this.exchange = exchange;
        this.match = match;
        this.started = started;
    }

    void routeTo(Route.Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    void answerWith(Reply reply) {
        this.decided = reply;
    }

    @Override
    public long bodyLimit() {
        return decided == null && endpoint != null && endpoint.takesBody() ? dispatcher.maxBodyBytes() : -1;
    }

    @Override
    public void bodyTooLarge() {
        decided = Reply.problem(BoundedBody.tooLarge(dispatcher.maxBodyBytes()));
    }

    @Override
    public boolean servedOnEventLoop() {
        if (decided != null || endpoint == null) {
            return true;
        }
        return switch (endpoint.threading()) {
            case EVENT_LOOP -> true;
            case BLOCKING -> false;
            case WHEN_LOADED -> dispatcher.handlers().isLoaded(match);
        };
    }

    @Override
    public boolean serve(Executor answerOn) throws IOException {
        CompletableFuture<Reply> pending = run();
        if (pending.isDone()) {
            answerNow(pending);
            return false;
        }
        pending.whenCompleteAsync((reply, failure) -> {
            try {
                answer(reply, failure);
            } catch (IOException e) {
                LOG.debug("response aborted: {}", e.getMessage());
                exchange.abort();
            } catch (RuntimeException | Error e) {
                // nobody above us would hear of it, and the client would wait for ever
                LOG.warn("answer failed", e);
                exchange.abort();
                if (e instanceof Error error) {
                    throw error;
                }
            } finally {
                dispatcher.metrics().record(exchange, match, started);
            }
        }, answerOn);
        return true;
    }

    @Override
    public void serve() throws IOException {
        answerNow(run());
    }

    /** The handler's stage; a handler that throws has its problem as the answer. */
    private CompletableFuture<Reply> run() throws IOException {
        try {
            CompletionStage<Reply> stage = decided != null ? CompletableFuture.completedFuture(decided)
                    : endpoint.handler().handle(dispatcher.handlers(), exchange, match);
            return stage.toCompletableFuture();
        } catch (IOException e) {
            dispatcher.metrics().record(exchange, match, started);
            throw e;
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Reply.problem(e));
        }
    }

    /** Sends the answer on this thread, waiting for it if it is not known yet. */
    private void answerNow(CompletableFuture<Reply> pending) throws IOException {
        try {
            Reply reply = null;
            Throwable failure = null;
            try {
                reply = pending.isDone() ? pending.join() : pending.get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (CompletionException | CancellationException e) {
                failure = e;
            } catch (ExecutionException e) {
                failure = e.getCause();
            } catch (TimeoutException e) {
                failure = new StoreException("the store did not answer within " + WAIT_SECONDS + " s (a hung disk?); a write"
                        + " may still be committed, so read it back before sending it again");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new StoreException("interrupted while waiting for the store", e);
            }
            answer(reply, failure);
        } finally {
            dispatcher.metrics().record(exchange, match, started);
        }
    }

    private void answer(Reply reply, Throwable failure) throws IOException {
        if (failure == null) {
            reply.send(exchange);
            return;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        Reply.problem(cause).send(exchange);
    }
}
