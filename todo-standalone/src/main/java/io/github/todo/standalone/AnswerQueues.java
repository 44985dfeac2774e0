package io.github.todo.standalone;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One queue of late answers per I/O thread. The store's writer completes a whole batch of writes
 * at once; queued here, their answers reach each I/O thread as one task, so the writer wakes each
 * I/O thread once per batch rather than once per write.
 */
final class AnswerQueues {

    private static final Logger LOG = LoggerFactory.getLogger(AnswerQueues.class);

    private final Map<Executor, Queue> queues = new ConcurrentHashMap<>();

    /** The queue whose answers run on {@code ioThread}. */
    Executor of(Executor ioThread) {
        Queue queue = queues.get(ioThread);
        return queue != null ? queue : queues.computeIfAbsent(ioThread, Queue::new);
    }

    private static final class Queue implements Executor, Runnable {
        private final Executor ioThread;
        private final ConcurrentLinkedQueue<Runnable> answers = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();

        Queue(Executor ioThread) {
            this.ioThread = ioThread;
        }

        @Override
        public void execute(Runnable answer) {
            answers.add(answer);
            if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
                try {
                    ioThread.execute(this);
                } catch (RuntimeException refused) {
                    scheduled.set(false); // the I/O thread is stopping; a later answer may try again
                    throw refused;
                }
            }
        }

        /** Runs every answer queued; one added meanwhile schedules this again. */
        @Override
        public void run() {
            scheduled.set(false);
            for (Runnable answer; (answer = answers.poll()) != null; ) {
                try {
                    answer.run();
                } catch (RuntimeException e) {
                    LOG.warn("answer failed", e);
                } catch (Error e) {
                    if (!answers.isEmpty() && scheduled.compareAndSet(false, true)) {
                        ioThread.execute(this); // the others still get their answers
                    }
                    throw e;
                }
            }
        }
    }
}
