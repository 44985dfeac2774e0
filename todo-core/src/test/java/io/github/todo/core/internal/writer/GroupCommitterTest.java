package io.github.todo.core.internal.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit on its own, over a fake transaction that keeps rows in a list (no database), the
 * way HikariCP tests its ConcurrentBag: batching, a failing write among others, a failing commit,
 * listener order, back-pressure, stopping with writes queued, and the verdict timeout.
 */
class GroupCommitterTest {

    /** Rows in a list: staged by a batch's writes, kept by its commit, dropped by its rollback. */
    static final class FakeTransaction implements Transaction<List<String>> {
        final List<String> committed = Collections.synchronizedList(new ArrayList<>());
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        private final List<String> staged = new ArrayList<>();
        volatile StoreException unusable;
        volatile boolean failBegin;
        volatile boolean failCommit;

        @Override
        public StoreException unusable() {
            return unusable;
        }

        @Override
        public List<String> begin() {
            if (failBegin) {
                throw new StoreException("the disk refuses to begin (a test's)");
            }
            events.add("begin");
            staged.clear();
            return staged;
        }

        @Override
        public void commit() {
            if (failCommit) {
                events.add("commit failed");
                throw new StoreException("the disk is full (a test's)");
            }
            events.add("commit");
            batchSizes.add(staged.size());
            committed.addAll(staged);
        }

        @Override
        public void rollback() {
            events.add("rollback");
            staged.clear();
        }

        @Override
        public void housekeeping() {
        }
    }

    private final FakeTransaction transaction = new FakeTransaction();
    private GroupCommitter<List<String>> committer;

    private GroupCommitter<List<String>> committer(int queueCapacity, long offerMillis, long verdictMillis) {
        committer = new GroupCommitter<>("test", transaction,
                new GroupCommitter.Limits(queueCapacity, offerMillis, 512, verdictMillis, false), () -> { });
        return committer;
    }

    private GroupCommitter<List<String>> committer() {
        return committer(100, 1000, 30_000);
    }

    @AfterEach
    void stop() {
        if (committer != null) {
            committer.stop();
        }
    }

    /** A write that holds the writer until {@code gate} opens, so that the writes after it queue up. */
    private static CompletableFuture<String> holding(GroupCommitter<List<String>> writes, CountDownLatch gate) {
        return writes.submitAsync(rows -> {
            awaitQuietly(gate);
            rows.add("first");
            return "first";
        }, row -> { });
    }

    private static CompletableFuture<String> insert(GroupCommitter<List<String>> writes, String row) {
        return writes.submitAsync(rows -> {
            rows.add(row);
            return row;
        }, done -> { });
    }

    @Test
    void a_lone_write_is_committed_before_it_is_acknowledged() {
        GroupCommitter<List<String>> writes = committer();

        assertEquals("a", writes.submit(rows -> {
            rows.add("a");
            return "a";
        }, row -> { }));

        assertEquals(List.of("a"), transaction.committed);
        assertEquals(1, writes.state().batchCount());
        assertEquals(1, writes.state().writeCount());
    }

    @Test
    void writes_that_wait_together_share_one_commit() {
        GroupCommitter<List<String>> writes = committer();
        CountDownLatch gate = new CountDownLatch(1);
        CompletableFuture<String> first = holding(writes, gate);
        awaitBegun();
        List<CompletableFuture<String>> queued = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            queued.add(insert(writes, "row" + i));
        }
        gate.countDown();

        first.join();
        queued.forEach(CompletableFuture::join);
        assertEquals(11, transaction.committed.size());
        assertEquals(List.of(1, 10), transaction.batchSizes, "the first alone, then the ten that waited for it in one");
        assertEquals(2, writes.state().batchCount());
        assertEquals(11, writes.state().writeCount());
    }

    @Test
    void a_write_that_breaks_the_transaction_fails_alone_and_the_batch_is_applied_again_without_it() {
        GroupCommitter<List<String>> writes = committer();
        CountDownLatch gate = new CountDownLatch(1);
        CompletableFuture<String> first = holding(writes, gate);
        awaitBegun();
        CompletableFuture<String> before = insert(writes, "before");
        CompletableFuture<String> broken = writes.submitAsync(rows -> {
            rows.add("half-done");
            throw new IllegalStateException("the statement failed (a test's)");
        }, row -> { });
        CompletableFuture<String> after = insert(writes, "after");
        gate.countDown();

        assertEquals("first", first.join());
        assertEquals("before", before.join());
        assertEquals("after", after.join());
        Throwable error = assertThrows(CompletionException.class, broken::join).getCause();
        assertInstanceOf(StoreException.class, error);
        assertEquals(List.of("first", "before", "after"), transaction.committed, "nothing of the broken write is kept");
        assertEquals(List.of("begin", "commit", "begin", "rollback", "begin", "commit"), transaction.events);
        assertFalse(writes.state().failing(), "the failure was followed by a commit, which clears it");
    }

    @Test
    void a_write_that_fails_on_its_own_leaves_the_transaction_to_the_others() {
        GroupCommitter<List<String>> writes = committer();
        CountDownLatch gate = new CountDownLatch(1);
        CompletableFuture<String> first = holding(writes, gate);
        awaitBegun();
        CompletableFuture<String> notFound = writes.submitAsync(rows -> {
            throw new TaskNotFoundException(7);
        }, row -> { });
        CompletableFuture<String> other = insert(writes, "other");
        gate.countDown();

        first.join();
        assertEquals("other", other.join());
        assertInstanceOf(TaskNotFoundException.class, assertThrows(CompletionException.class, notFound::join).getCause());
        assertEquals(List.of("begin", "commit", "begin", "commit"), transaction.events, "no rollback");
        assertFalse(writes.state().failing());
    }

    @Test
    void a_commit_that_fails_fails_every_write_of_its_batch_and_the_next_batch_commits() {
        GroupCommitter<List<String>> writes = committer();
        transaction.failCommit = true;
        CountDownLatch gate = new CountDownLatch(1);
        CompletableFuture<String> first = holding(writes, gate);
        awaitBegun();
        CompletableFuture<String> second = insert(writes, "second");
        gate.countDown();

        assertEquals("the disk is full (a test's)", assertThrows(CompletionException.class, first::join).getCause().getMessage());
        assertEquals("the disk is full (a test's)", assertThrows(CompletionException.class, second::join).getCause().getMessage());
        assertTrue(transaction.committed.isEmpty());
        assertTrue(transaction.events.contains("rollback"), "rolled back after the failed commit");
        assertTrue(writes.state().failing());

        transaction.failCommit = false;
        assertEquals("third", writes.submit(rows -> {
            rows.add("third");
            return "third";
        }, row -> { }));
        assertFalse(writes.state().failing(), "a commit clears the failure");
    }

    @Test
    void a_store_that_cannot_take_a_write_or_begin_one_fails_the_batch_with_its_reason() {
        GroupCommitter<List<String>> writes = committer();
        transaction.unusable = new StoreException("the database file was removed (a test's)");
        StoreException removed = assertThrows(StoreException.class, () -> writes.submit(rows -> rows.add("x"), row -> { }));
        assertSame(transaction.unusable, removed);

        transaction.unusable = null;
        transaction.failBegin = true;
        StoreException refused = assertThrows(StoreException.class, () -> writes.submit(rows -> rows.add("x"), row -> { }));
        assertEquals("the disk refuses to begin (a test's)", refused.getMessage());
        assertTrue(transaction.committed.isEmpty());
    }

    @Test
    void listeners_run_after_the_commit_on_the_writer_thread_in_commit_order() {
        GroupCommitter<List<String>> writes = committer();
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch gate = new CountDownLatch(1);
        CompletableFuture<String> first = holding(writes, gate);
        awaitBegun();
        List<CompletableFuture<String>> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String row = "row" + i;
            queued.add(writes.submitAsync(rows -> {
                rows.add(row);
                return row;
            }, done -> heard.add(done + (transaction.committed.contains(done) ? " committed" : " NOT committed")
                    + " on " + Thread.currentThread().getName())));
        }
        gate.countDown();

        first.join();
        queued.forEach(CompletableFuture::join);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            expected.add("row" + i + " committed on test-writer");
        }
        assertEquals(expected, heard);
    }

    @Test
    void a_failing_listener_fails_no_write_and_the_writer_goes_on() {
        List<String> forgotten = new ArrayList<>();
        committer = new GroupCommitter<>("test", transaction, new GroupCommitter.Limits(100, 1000, 512, 30_000, false),
                () -> forgotten.add("cache"));

        assertEquals("a", committer.submit(rows -> {
            rows.add("a");
            return "a";
        }, row -> {
            throw new IllegalStateException("a listener's bug (a test's)");
        }));
        assertEquals(List.of("cache"), forgotten);
        committer.state().checkRunning();
        assertEquals("b", committer.submit(rows -> {
            rows.add("b");
            return "b";
        }, row -> { }));
    }

    @Test
    void a_full_queue_pushes_back_at_once_without_waiting_and_after_the_offer_timeout_when_waiting() {
        GroupCommitter<List<String>> writes = committer(2, 100, 30_000);
        CountDownLatch gate = new CountDownLatch(1);
        CompletableFuture<String> first = holding(writes, gate);
        awaitBegun();
        CompletableFuture<String> second = insert(writes, "second");
        CompletableFuture<String> third = insert(writes, "third");

        CompletableFuture<String> refused = insert(writes, "refused");
        assertTrue(refused.isCompletedExceptionally());
        assertTrue(assertThrows(CompletionException.class, refused::join).getCause().getMessage().contains("queue is full"));
        long started = System.nanoTime();
        StoreException waited = assertThrows(StoreException.class, () -> writes.submit(rows -> rows.add("late"), row -> { }));
        assertTrue(waited.getMessage().contains("queue is full"), waited.getMessage());
        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(90), "waited for room first");
        assertEquals(2, writes.queueDepth());

        gate.countDown();
        first.join();
        second.join();
        third.join();
        assertEquals(List.of("first", "second", "third"), transaction.committed);
    }

    @Test
    void stopping_commits_the_writes_already_queued_and_refuses_later_ones() {
        GroupCommitter<List<String>> writes = committer();
        CountDownLatch gate = new CountDownLatch(1);
        CompletableFuture<String> first = holding(writes, gate);
        awaitBegun();
        CompletableFuture<String> queued = insert(writes, "queued");
        Thread stopper = new Thread(writes::stop);
        stopper.start();
        awaitQuietly(gate, 50); // give stop() the time to begin
        gate.countDown();
        joinQuietly(stopper);

        assertEquals("first", first.join());
        assertEquals("queued", queued.join());
        assertEquals(List.of("first", "queued"), transaction.committed);
        StoreException closed = assertThrows(StoreException.class, () -> writes.submit(rows -> rows.add("late"), row -> { }));
        assertEquals("the store is closed", closed.getMessage());
        CompletableFuture<String> late = insert(writes, "late async");
        assertEquals("the store is closed", assertThrows(CompletionException.class, late::join).getCause().getMessage());
    }

    @Test
    void a_waiting_caller_is_let_go_after_the_verdict_timeout_and_the_write_still_commits() {
        GroupCommitter<List<String>> writes = committer(100, 1000, 200);
        CountDownLatch disk = new CountDownLatch(1); // a hung disk

        StoreException stalled = assertThrows(StoreException.class, () -> writes.submit(rows -> {
            awaitQuietly(disk);
            rows.add("late");
            return "late";
        }, row -> { }));
        assertTrue(stalled.getMessage().contains("may still be committed"), stalled.getMessage());

        disk.countDown();
        assertEquals("next", writes.submit(rows -> {
            rows.add("next");
            return "next";
        }, row -> { }));
        assertEquals(List.of("late", "next"), transaction.committed);
    }

    /** Waits until the writer has begun its first transaction, so that what is submitted next queues. */
    private void awaitBegun() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!transaction.events.contains("begin") && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(transaction.events.contains("begin"), "the writer began");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        awaitQuietly(latch, 60_000);
    }

    private static void awaitQuietly(CountDownLatch latch, long millis) {
        try {
            latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
