package io.github.todo.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP relay on 127.0.0.1 that holds every chunk half the round-trip time in each direction
 * before passing it on: the link netem would make, in user space, for kernels without netem.
 * Order is kept: with jitter a chunk is never due before the one read ahead of it. It cannot drop
 * packets (TCP under it never loses any), so it has no loss. Each connection costs two threads
 * per direction, a reader that stamps chunks and a writer that waits for their time.
 */
final class DelayRelay implements AutoCloseable {

    private static final int CHUNK = 64 * 1024;
    private static final byte[] END = new byte[0];
    private static final long MAX_EARLY_NANOS = 2_000_000;

    private record Chunk(byte[] bytes, long dueNanos) {
    }

    private final ServerSocket listener;
    private final int targetPort;
    private volatile long halfRttNanos;
    private volatile long jitterNanos;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    /** How long before a chunk's time its writer wakes, learnt from the lateness of wake-ups; shared, racy on purpose. */
    private volatile long earlyNanos;

    private DelayRelay(int targetPort, double rttMillis, double jitterMillis) throws IOException {
        this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.halfRttNanos = (long) (rttMillis * 1e6 / 2);
        this.jitterNanos = (long) (jitterMillis * 1e6 / 2);
        Thread acceptor = new Thread(this::accept, "relay-accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * A relay to {@code 127.0.0.1:targetPort}, listening on a free loopback port.
     *
     * @param rttMillis    the round-trip time it adds: half of it each way
     * @param jitterMillis each one-way delay varies by up to ±half of this, so the round trip by up to ±this
     */
    static DelayRelay start(int targetPort, double rttMillis, double jitterMillis) throws IOException {
        return new DelayRelay(targetPort, rttMillis, jitterMillis);
    }

    /** A new delay, from the next chunk on, for the connections open and those to come. */
    void delay(double rttMillis, double jitterMillis) {
        this.halfRttNanos = (long) (rttMillis * 1e6 / 2);
        this.jitterNanos = (long) (jitterMillis * 1e6 / 2);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                sockets.add(client);
                sockets.add(server);
                try {
                    server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 10_000);
                } catch (IOException refused) {
                    client.close();
                    server.close();
                    continue;
                }
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                pipe(client, server, "up");
                pipe(server, client, "down");
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("relay: " + e.getMessage());
                }
            }
        }
    }

    /** One direction: a reader stamps each chunk with its due time, a writer sends it then. */
    private void pipe(Socket from, Socket to, String direction) {
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        daemon(() -> read(from, queue), "relay-" + direction + "-read");
        daemon(() -> write(queue, from, to), "relay-" + direction + "-write");
    }

    private void read(Socket from, BlockingQueue<Chunk> queue) {
        byte[] buffer = new byte[CHUNK];
        long lastDue = 0;
        try {
            InputStream in = from.getInputStream();
            int n;
            while ((n = in.read(buffer)) > 0) {
                long due = Math.max(lastDue, System.nanoTime() + delay());
                lastDue = due;
                queue.add(new Chunk(Arrays.copyOf(buffer, n), due));
            }
        } catch (IOException e) {
            // reset or closed: end this direction as a FIN would
        }
        queue.add(new Chunk(END, Math.max(lastDue, System.nanoTime() + halfRttNanos)));
    }

    private long delay() {
        long half = halfRttNanos;
        long jitter = jitterNanos;
        return jitter == 0 ? half : Math.max(0, half + ThreadLocalRandom.current().nextLong(-jitter, jitter + 1));
    }

    private void write(BlockingQueue<Chunk> queue, Socket from, Socket to) {
        try {
            OutputStream out = to.getOutputStream();
            while (true) {
                Chunk chunk = queue.take();
                awaitDue(chunk.dueNanos());
                if (chunk.bytes() == END) {
                    to.shutdownOutput();
                    if (from.isOutputShutdown() || to.isInputShutdown()) {
                        closeQuietly(from, to);
                    }
                    return;
                }
                out.write(chunk.bytes());
            }
        } catch (IOException e) {
            closeQuietly(from, to);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(from, to);
        }
    }

    /**
     * Sleeps until {@code due}, setting out {@link #earlyNanos} before it: a timed sleep on an
     * idle VM wakes up to a millisecond late, which measured +1 ms on every 10 ms round trip. The
     * head start is the average lateness of the last wake-ups, so chunks arrive on time on
     * average without spinning (a spin would take the CPU the server under test needs), and
     * where wake-ups are punctual, as on a busy machine, it shrinks to nothing.
     */
    private void awaitDue(long due) {
        long early = earlyNanos;
        long wake = due - early;
        if (wake - System.nanoTime() <= 0) {
            return; // due now (RTT 0) or already late: nothing to learn
        }
        long wait;
        while ((wait = wake - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
        long late = Math.min(MAX_EARLY_NANOS, System.nanoTime() - wake);
        earlyNanos = early + (late - early) / 8;
    }

    private static void daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void closeQuietly(Socket... pair) {
        for (Socket socket : pair) {
            try {
                socket.close();
            } catch (IOException e) {
                // already gone
            }
            sockets.remove(socket);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // nothing to do
        }
        closeQuietly(sockets.toArray(Socket[]::new));
    }
}
