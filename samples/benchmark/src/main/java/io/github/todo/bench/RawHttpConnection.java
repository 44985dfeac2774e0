package io.github.todo.bench;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;

/**
 * One persistent HTTP/1.1 connection, used by one thread: write a request's bytes, read the
 * response, repeat. Reconnects when the server closes it ({@code Connection: close}) or after an
 * I/O error.
 *
 * <p>Why not {@code java.net.http.HttpClient} here: for every request it allocates a request,
 * futures and header maps and hands the response from its selector thread to an executor thread.
 * On a 2-core machine that the client shares with the server, that client work would be what we
 * measure. A blocking socket costs one write and usually one read per request, the way wrk works,
 * so the numbers stay about the server. The seed command keeps {@code HttpClient} on purpose: it
 * ports a client benchmark, whose client cost is part of what it reports.
 *
 * <p>Timeouts come in two kinds. {@link #RawHttpConnection(Target, int)} uses {@code SO_TIMEOUT},
 * fine for setting up. But with {@code SO_TIMEOUT} the JDK turns every blocking read into
 * read-poll-read (three system calls instead of one), about a fifth more client CPU per request,
 * so the measured connections are {@link #watched} instead: plain blocking reads, and a
 * {@link Watchdog} closes the socket of a request that takes too long.
 */
final class RawHttpConnection implements Closeable {

    private final Target target;
    private final int timeoutMillis;
    private final boolean socketTimeout;
    /** When the request in flight was sent ({@link System#nanoTime()}), 0 when idle: for the watchdog. */
    private final AtomicLong busySince = new AtomicLong();
    private volatile boolean timedOut;
    private volatile Socket socket;
    private OutputStream out;
    private ResponseReader reader;

    /** A connection whose reads time out by themselves ({@code SO_TIMEOUT}). */
    RawHttpConnection(Target target, int timeoutMillis) {
        this(target, timeoutMillis, true);
    }

    private RawHttpConnection(Target target, int timeoutMillis, boolean socketTimeout) {
        this.target = target;
        this.timeoutMillis = timeoutMillis;
        this.socketTimeout = socketTimeout;
    }

    /** A connection with plain blocking reads; register it with {@code watchdog} for its timeout. */
    static RawHttpConnection watched(Target target, Watchdog watchdog) {
        RawHttpConnection connection = new RawHttpConnection(target, watchdog.timeoutMillis(), false);
        watchdog.watch(connection);
        return connection;
    }

    /** Connects now, if not connected, so the first timed request does not include it. */
    void open() throws IOException {
        if (socket != null) {
            return;
        }
        Socket fresh = new Socket();
        try {
            fresh.setTcpNoDelay(true); // a request is one write anyway; never let Nagle hold it back
            if (socketTimeout) {
                fresh.setSoTimeout(timeoutMillis);
            }
            fresh.connect(target.address(), timeoutMillis);
            Socket connected = fresh;
            if (target.tls() != null) {
                SSLSocket tls = (SSLSocket) target.tls().getSocketFactory().createSocket(fresh,
                        target.url().getHost(), target.address().getPort(), true);
                tls.startHandshake(); // here, so the first timed request does not include it
                connected = tls;
            }
            out = connected.getOutputStream();
            reader = new ResponseReader(connected.getInputStream());
            socket = connected;
        } catch (IOException e) {
            fresh.close();
            throw e;
        }
    }

    /** Sends one request and reads the whole response, skipping its body; returns the status. */
    int exchange(byte[] request, int length) throws IOException {
        return exchange(request, length, null);
    }

    /** Sends one request and returns the status and the body, decoded as UTF-8. */
    Response exchangeForBody(byte[] request) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int status = exchange(request, request.length, body);
        return new Response(status, body.toString(StandardCharsets.UTF_8));
    }

    record Response(int status, String body) {
    }

    private int exchange(byte[] request, int length, ByteArrayOutputStream body) throws IOException {
        open();
        long sent = System.nanoTime();
        busySince.set(sent);
        try {
            out.write(request, 0, length);
            out.flush();
            int status = reader.read(body);
            if (reader.mustClose()) {
                close();
            }
            return status;
        } catch (IOException e) {
            close(); // the connection is out of step now; the next request starts a fresh one
            if (timedOut) {
                timedOut = false;
                throw new SocketTimeoutException("no response within " + timeoutMillis + " ms");
            }
            throw e;
        } finally {
            busySince.compareAndSet(sent, 0);
        }
    }

    /**
     * Called by the watchdog: closes the socket if the request in flight was sent before
     * {@code deadline}, which makes the blocked read fail at once.
     */
    void abortIfSentBefore(long deadline) {
        long since = busySince.get();
        // The compare-and-set makes sure it is still the same request, not the next one.
        if (since != 0 && since - deadline < 0 && busySince.compareAndSet(since, 0)) {
            timedOut = true;
            Socket current = socket;
            if (current != null) {
                closeQuietly(current);
            }
        }
    }

    @Override
    public void close() {
        Socket current = socket;
        if (current != null) {
            socket = null;
            closeQuietly(current);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a broken socket fails too; nothing to do about it
        }
    }
}
