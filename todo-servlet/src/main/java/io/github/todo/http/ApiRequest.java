package io.github.todo.http;

import java.io.IOException;
import java.util.concurrent.Executor;

/**
 * One request, for an adapter on an event loop that reads bodies itself: {@link TodoApi#begin}
 * has matched its route and run every check that needs no body (method, host, CORS, token, a
 * declared length over the limit). The adapter then reads the body, if {@link #bodyLimit()} asks
 * for one, and serves the request on the event loop when {@link #servedOnEventLoop()} allows it,
 * else on a thread that may block. {@link TodoApi#handle} does all of it for adapters that block.
 */
public interface ApiRequest {

    /**
     * The most body bytes to read and keep, or -1 when the body is not to be read: the route takes
     * none, or the request is answered without it (the adapter then reads any body past after
     * the answer).
     */
    long bodyLimit();

    /** The body turned out longer than {@link #bodyLimit()}: the answer is a 413. */
    void bodyTooLarge();

    /** Whether {@link #serve(Executor)} may be called on an event loop: the answer never blocks it. */
    boolean servedOnEventLoop();

    /**
     * Serves the request on an event loop, with its body (if any) in memory. Returns true when the
     * answer comes later (a task write, a read that waits for the disk), sent by a task on
     * {@code answerOn}, typically the connection's own event loop: the adapter keeps the exchange
     * open. When a late answer cannot be written the exchange is {@linkplain ApiExchange#abort() aborted}.
     *
     * @throws IOException when the answer sent now could not be written (the client went away)
     */
    boolean serve(Executor answerOn) throws IOException;

    /**
     * Serves the request on this thread, waiting for the store where needed.
     *
     * @throws IOException when the answer could not be written (the client went away, or a
     *                     streamed list broke off half-way)
     */
    void serve() throws IOException;
}
