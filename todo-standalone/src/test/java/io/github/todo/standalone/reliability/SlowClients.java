package io.github.todo.standalone.reliability;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Connections that send their request one byte per second and never finish it: the slow-loris
 * attack, on the headers or (with {@code bodies}) on the body after complete headers. One thread
 * drives them all through a selector. Until {@link #stopSending}, each connection the server closes
 * is replaced, so the server faces the full number the whole time; then they all go quiet, and the
 * server's timeouts must close every one.
 */
final class SlowClients implements AutoCloseable {

    /** What the server did with the slow connections. Lifetimes in milliseconds. */
    record Report(int opened, int closedByServer, int stillOpen, int answered, long shortestLife, long longestLife) {
    }

    /** Headers that never end: after this prefix, the X-Slow value grows by one byte a second. */
    private static final byte[] PREFIX = "GET /tasks HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
    /**
     * Complete headers, sent at once, for a body that then grows by one byte a second: half of them
     * declare a body within the 1 MiB limit, half one just over it, which the API would read (and
     * discard) before its 413.
     */
    private static final byte[][] BODY_HEADS = {bodyHead(100_000), bodyHead(1_500_000)};

    /** What each connection sends at once: nothing for header senders, else one of these in turn. */
    private final byte[][] heads;

    private final InetSocketAddress server;
    private final int count;
    private final boolean bodies;
    private final Selector selector;
    private final Thread loop;
    private final CountDownLatch allOpen = new CountDownLatch(1);
    private final CompletableFuture<Void> allClosed = new CompletableFuture<>();
    private volatile boolean replacing = true;
    private volatile boolean running = true;
    private volatile IOException failure;
    private int opened;
    private int closedByServer;
    private int answered;
    private int live;
    private long shortestLife = Long.MAX_VALUE;
    private long longestLife;

    /** One slow connection: when it opened and how many bytes it has sent. */
    private static final class Slow {
        final long openedAt = System.nanoTime();
        int sent;
    }

    /** {@code count} connections, slow in their headers, or in their bodies when {@code bodies}. */
    SlowClients(InetSocketAddress server, int count, boolean bodies) throws IOException {
        this(server, count, bodies ? BODY_HEADS : null);
    }

    /**
     * {@code count} connections that each declare a body of {@code declared} bytes with complete
     * headers, then send it one byte per second: what a client that wants the server to set
     * memory aside for bodies it never sends would do.
     */
    static SlowClients declaring(InetSocketAddress server, int count, int declared) throws IOException {
        return new SlowClients(server, count, new byte[][] {bodyHead(declared)});
    }

    private SlowClients(InetSocketAddress server, int count, byte[][] heads) throws IOException {
        this.server = server;
        this.count = count;
        this.heads = heads;
        this.bodies = heads != null;
        this.selector = Selector.open();
        this.loop = new Thread(this::loop, "slow-clients");
    }

    /** Opens every connection and sends each its first byte; returns once all are open. */
    void start() throws IOException, InterruptedException {
        loop.start();
        if (!allOpen.await(60, TimeUnit.SECONDS) || failure != null) {
            throw new IOException("could not open " + count + " slow connections", failure);
        }
    }

    /** From now on the connections send nothing more, and one the server closes is not replaced. */
    void stopSending() {
        replacing = false;
        selector.wakeup();
    }

    /** Waits until the server has closed every slow connection, or {@code timeout} passes. */
    Report awaitAllClosed(Duration timeout) throws InterruptedException {
        try {
            allClosed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // reported below as still open
        }
        running = false;
        selector.wakeup();
        loop.join();
        return new Report(opened, closedByServer, live, answered, shortestLife / 1_000_000, longestLife / 1_000_000);
    }

    private void loop() {
        try {
            for (int i = 0; i < count; i++) {
                open();
            }
            allOpen.countDown();
            long nextTick = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (running) {
                long wait = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextTick - System.nanoTime()));
                selector.select(this::readable, wait);
                if (replacing && System.nanoTime() >= nextTick) {
                    for (SelectionKey key : selector.keys()) {
                        dribble(key);
                    }
                    nextTick += TimeUnit.SECONDS.toNanos(1);
                }
                if (!replacing && live == 0) {
                    allClosed.complete(null);
                }
            }
        } catch (IOException e) {
            failure = e;
            allOpen.countDown();
        } finally {
            for (SelectionKey key : selector.keys()) {
                closeQuietly(key);
            }
            closeQuietly(selector);
        }
    }

    private void open() throws IOException {
        SocketChannel channel = SocketChannel.open(server);
        channel.configureBlocking(false);
        SelectionKey key = channel.register(selector, SelectionKey.OP_READ, new Slow());
        opened++;
        live++;
        if (bodies) {
            channel.write(ByteBuffer.wrap(heads[opened % heads.length])); // a fresh socket takes this much at once
        }
        dribble(key);
    }

    private void dribble(SelectionKey key) throws IOException {
        if (!key.isValid()) {
            return;
        }
        Slow slow = (Slow) key.attachment();
        byte next = !bodies && slow.sent < PREFIX.length ? PREFIX[slow.sent] : (byte) 'a';
        try {
            ((SocketChannel) key.channel()).write(ByteBuffer.wrap(new byte[] {next}));
            slow.sent++;
        } catch (IOException closedByServer) {
            closed(key);
        }
    }

    private void readable(SelectionKey key) {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        try {
            int n = ((SocketChannel) key.channel()).read(buffer);
            if (n > 0) {
                answered++; // the server said something (a 400 or 408) before closing
                return;
            }
            if (n < 0) {
                closed(key);
            }
        } catch (IOException reset) {
            closed(key);
        }
    }

    private void closed(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        long life = System.nanoTime() - ((Slow) key.attachment()).openedAt;
        shortestLife = Math.min(shortestLife, life);
        longestLife = Math.max(longestLife, life);
        closedByServer++;
        live--;
        closeQuietly(key);
        if (replacing) {
            try {
                open();
            } catch (IOException e) {
                failure = e;
            }
        }
    }

    private static byte[] bodyHead(int contentLength) {
        return ("POST /tasks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " + contentLength
                + "\r\n\r\n{\"name\":\"").getBytes(StandardCharsets.US_ASCII);
    }

    private static void closeQuietly(SelectionKey key) {
        key.cancel();
        closeQuietly(key.channel());
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            loop.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
