package io.github.todo.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** Late answers reach their I/O thread in order, as few tasks, and none is lost when one fails. */
class AnswerQueuesTest {

    /** Stands in for an I/O thread: runs what it was given when told to. */
    private static final class ManualThread implements Executor {
        final Queue<Runnable> tasks = new ArrayDeque<>();
        int executions;

        @Override
        public void execute(Runnable task) {
            executions++;
            tasks.add(task);
        }

        void runAll() {
            for (Runnable task; (task = tasks.poll()) != null; ) {
                task.run();
            }
        }
    }

    @Test
    void a_batch_of_answers_is_one_task_on_its_thread_in_order() {
        AnswerQueues queues = new AnswerQueues();
        ManualThread io = new ManualThread();
        Executor answers = queues.of(io);
        assertSame(answers, queues.of(io), "one queue per I/O thread");
        List<Integer> ran = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int n = i;
            answers.execute(() -> ran.add(n));
        }
        assertEquals(1, io.executions, "one wake-up for the whole batch");
        io.runAll();
        assertEquals(100, ran.size());
        for (int i = 0; i < 100; i++) {
            assertEquals(i, ran.get(i));
        }
        answers.execute(() -> ran.add(100));
        assertEquals(2, io.executions, "the next answer schedules the queue again");
        io.runAll();
        assertEquals(101, ran.size());
    }

    @Test
    void a_failing_answer_does_not_hold_back_the_others() {
        ManualThread io = new ManualThread();
        Executor answers = new AnswerQueues().of(io);
        List<String> ran = new ArrayList<>();
        answers.execute(() -> {
            throw new IllegalStateException("this answer breaks");
        });
        answers.execute(() -> ran.add("after a runtime failure"));
        answers.execute(() -> {
            throw new AssertionError("an error");
        });
        answers.execute(() -> ran.add("after an error"));
        try {
            io.runAll();
        } catch (AssertionError expected) {
            io.runAll(); // the error left the task, which scheduled the rest again first
        }
        assertTrue(ran.contains("after a runtime failure"), ran.toString());
        assertTrue(ran.contains("after an error"), ran.toString());
    }
}
