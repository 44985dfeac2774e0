package io.github.todo.core.internal.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.todo.core.StoreException;
import io.github.todo.core.TaskNotFoundException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit where asynchronous writes commit on their caller's thread ({@code commitOnCaller}):
 * a lone write is done when {@code submitAsync} returns, on the caller's thread; writes that arrive
 * while another caller holds the transaction are committed by that caller before it lets go; a
 * slow batch sends later writes to the writer thread; and a write that fails in a combined batch
 * fails alone. No timing is asserted: who commits is told by the thread that ran the listener.
 */
class CallerCommitTest {

    private final GroupCommitterTest.FakeTransaction transaction = new GroupCommitterTest.FakeTransaction();
    private final List<String> heard = Collections.synchronizedList(new ArrayList<>());
    private final GroupCommitter<List<String>> committer = new GroupCommitter<>("caller", transaction,
            new GroupCommitter.Limits(100, 1000, 512, 30_000, true), () -> { });

    @AfterEach
    void stop() {
        committer.stop();
    }

    private CompletableFuture<String> insert(String row) {
        return committer.submitAsync(rows -> {
            rows.add(row);
            return row;
        }, done -> heard.add(done + " on " + Thread.currentThread().getName()));
    }

    @Test
    void a_lone_write_is_committed_on_its_callers_thread_before_submit_returns() {
        CompletableFuture<String> written = insert("a");

        assertTrue(written.isDone(), "committed before submitAsync returned");
        assertEquals("a", written.join());
        assertEquals(List.of("a"), transaction.committed);
        assertEquals(List.of("a on " + Thread.currentThread().getName()), heard);
        assertEquals(List.of("begin", "commit"), transaction.events);
    }

    @Test
    void writes_that_arrive_while_another_caller_commits_are_committed_by_it_in_one_batch() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        Thread holder = holdingTheTransaction(gate, true);

        List<CompletableFuture<String>> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queued.add(insert("row" + i));
        }
        queued.forEach(write -> assertTrue(!write.isDone(), "queued behind the holder, not committed here"));
        gate.countDown();
        holder.join(10_000);

        queued.forEach(CompletableFuture::join);
        List<String> expected = new ArrayList<>(List.of("first on event-loop-1"));
        for (int i = 0; i < 5; i++) {
            expected.add("row" + i + " on event-loop-1");
        }
        assertEquals(expected, heard, "the holder committed what queued before it let go, in order");
        assertEquals(List.of(1, 5), transaction.batchSizes);
    }

    @Test
    void a_write_that_fails_in_a_combined_batch_fails_alone() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        Thread holder = holdingTheTransaction(gate, false);

        CompletableFuture<String> before = insert("before");
        CompletableFuture<String> missing = committer.submitAsync(rows -> {
            throw new TaskNotFoundException(7);
        }, done -> { });
        CompletableFuture<String> broken = committer.submitAsync(rows -> {
            rows.add("half-done");
            throw new IllegalStateException("the statement failed (a test's)");
        }, done -> { });
        CompletableFuture<String> after = insert("after");
        gate.countDown();
        holder.join(10_000);

        assertEquals("before", before.join());
        assertEquals("after", after.join());
        assertInstanceOf(TaskNotFoundException.class, assertThrows(CompletionException.class, missing::join).getCause());
        assertInstanceOf(StoreException.class, assertThrows(CompletionException.class, broken::join).getCause());
        assertEquals(List.of("first", "before", "after"), transaction.committed, "nothing of the broken write is kept");
        assertEquals(List.of("before on event-loop-1", "after on event-loop-1"), heard);
    }

    @Test
    void after_a_slow_batch_writes_go_to_the_writer_thread() {
        CompletableFuture<String> slow = committer.submitAsync(rows -> {
            // a disk that stalls: longer than a batch may take on a caller's thread
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(GroupCommitter.SLOW_BATCH_MILLIS * 3));
            rows.add("slow");
            return "slow";
        }, done -> heard.add(done + " on " + Thread.currentThread().getName()));
        assertEquals("slow", slow.join());

        insert("next").join();

        assertEquals(List.of("slow on " + Thread.currentThread().getName(), "next on caller-writer"), heard,
                "the slow batch ran here; the write after it on the writer thread");
    }

    @Test
    void stopping_commits_what_is_queued_and_refuses_later_writes() {
        insert("a").join();
        committer.stop();

        CompletableFuture<String> late = insert("late");
        assertEquals("the store is closed", assertThrows(CompletionException.class, late::join).getCause().getMessage());
        assertEquals(List.of("a"), transaction.committed);
    }

    /**
     * Starts another caller, "event-loop-1", whose write holds the transaction until {@code gate}
     * opens, and returns once its batch has begun; its listener is heard when {@code heardToo}.
     */
    private Thread holdingTheTransaction(CountDownLatch gate, boolean heardToo) throws InterruptedException {
        CountDownLatch begun = new CountDownLatch(1);
        Thread holder = new Thread(() -> committer.submitAsync(rows -> {
            begun.countDown();
            awaitQuietly(gate);
            rows.add("first");
            return "first";
        }, done -> {
            if (heardToo) {
                heard.add(done + " on " + Thread.currentThread().getName());
            }
        }), "event-loop-1");
        holder.start();
        assertTrue(begun.await(10, TimeUnit.SECONDS), "the other caller began its batch");
        return holder;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
