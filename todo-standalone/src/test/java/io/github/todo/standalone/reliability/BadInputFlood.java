package io.github.todo.standalone.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitrary;

/**
 * Sends generated malformed requests, each on its own connection, from several threads, plus slow
 * senders alongside. Every request must end with an answer below 500 or with the server closing the
 * connection, within {@code hangTimeout}; a 5xx or a connection still open after that is a failure.
 */
final class BadInputFlood {

    /** What the flood saw; {@code failures} holds each 5xx and each hang with the request that caused it. */
    record Report(long sent, Map<String, Long> byKind, Map<Integer, Long> byStatus, long closedWithoutAnswer,
                  List<String> failures, Duration elapsed) {
    }

    private static final Pattern STATUS = Pattern.compile("(?:^|\r\n)HTTP/1\\.[01] (\\d{3}) ");

    private final InetSocketAddress server;
    private final Duration hangTimeout;
    private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final LongAdder closedWithoutAnswer = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();

    BadInputFlood(InetSocketAddress server, Duration hangTimeout) {
        this.server = server;
        this.hangTimeout = hangTimeout;
    }

    /**
     * Sends {@code requests} requests drawn from {@link BadRequests#any()} over {@code threads}
     * threads, and {@code slow} slow senders on threads of their own at the same time.
     */
    Report run(int requests, int threads, int slow) throws InterruptedException {
        long start = System.nanoTime();
        AtomicInteger left = new AtomicInteger(requests);
        AtomicInteger slowLeft = new AtomicInteger(slow);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(worker(BadRequests.any(), left));
        }
        for (int t = 0; t < Math.min(slow, 64); t++) {
            workers.add(worker(BadRequests.slowSenders(), slowLeft));
        }
        workers.forEach(Thread::start);
        for (Thread worker : workers) {
            worker.join();
        }
        Map<String, Long> kinds = new TreeMap<>();
        byKind.forEach((kind, count) -> kinds.put(kind, count.sum()));
        Map<Integer, Long> statuses = new TreeMap<>();
        byStatus.forEach((status, count) -> statuses.put(status, count.sum()));
        return new Report(sent.sum(), kinds, statuses, closedWithoutAnswer.sum(), List.copyOf(failures),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private Thread worker(Arbitrary<BadRequest> requests, AtomicInteger left) {
        // jqwik draws the requests. Each thread has its own stream, made here on the calling thread:
        // jqwik sets up its sampling state per stream, and that set-up is not safe to run concurrently.
        Iterator<BadRequest> source = requests.sampleStream().iterator();
        return new Thread(() -> {
            while (left.getAndDecrement() > 0) {
                send(source.next());
            }
        }, "bad-input");
    }

    private void send(BadRequest request) {
        byKind.computeIfAbsent(request.kind(), k -> new LongAdder()).increment();
        sent.increment();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(server, 10_000);
            socket.setSoTimeout((int) hangTimeout.toMillis());
            write(socket, request);
            readUntilClosed(socket.getInputStream(), answer);
        } catch (SocketTimeoutException e) {
            failures.add(String.format("hang: no answer and no close after %d ms (%s): %s",
                    (System.nanoTime() - start) / 1_000_000, request.kind(), request.excerpt(300)));
            return;
        } catch (IOException e) {
            // the server reset the connection: closed, as allowed
        }
        List<Integer> statuses = statuses(answer);
        if (statuses.isEmpty()) {
            closedWithoutAnswer.increment();
        }
        for (int status : statuses) {
            byStatus.computeIfAbsent(status, k -> new LongAdder()).increment();
            if (status >= 500) {
                failures.add(status + " (" + request.kind() + "): " + request.excerpt(300) + "\n    answer: "
                        + answer.toString(StandardCharsets.UTF_8).replace("\r\n", "\\r\\n"));
            }
        }
    }

    /** Sends the request; a normal one then ends the sending side, a slow one trickles and stalls. */
    private static void write(Socket socket, BadRequest request) throws IOException {
        OutputStream out = socket.getOutputStream();
        try {
            if (!request.slow()) {
                out.write(request.bytes());
                socket.shutdownOutput();
                return;
            }
            byte[] bytes = request.bytes();
            // a few bytes every 50 ms for at most a second, then nothing: the server's timeout must act
            for (int i = 0, sent = 0; i < 20 && sent < bytes.length; i++, sent += 4) {
                out.write(bytes, sent, Math.min(4, bytes.length - sent));
                out.flush();
                pace(50);
            }
        } catch (IOException closedWhileSending) {
            // the server answered early and closed (413, 400 on the request line): read what it said
        }
    }

    private static void readUntilClosed(InputStream in, ByteArrayOutputStream answer) throws IOException {
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            if (answer.size() < 64 * 1024) {
                answer.write(buffer, 0, n);
            }
        }
    }

    private static List<Integer> statuses(ByteArrayOutputStream answer) {
        List<Integer> statuses = new ArrayList<>();
        Matcher matcher = STATUS.matcher(answer.toString(StandardCharsets.ISO_8859_1));
        while (matcher.find()) {
            statuses.add(Integer.parseInt(matcher.group(1)));
        }
        return statuses;
    }

    /** The slow sender's pace: time passing is the point here, not a wait for something to happen. */
    private static void pace(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
