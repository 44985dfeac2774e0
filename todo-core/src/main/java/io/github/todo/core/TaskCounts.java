package io.github.todo.core;

/**
 * How many tasks there are, and how many of them are done: what a todo list's "3 items left"
 * needs, read in one query.
 *
 * @param total every task
 * @param done  the tasks that are done
 */
public record TaskCounts(long total, long done) {

    /** Checks that the counts can be true. */
    public TaskCounts {
        if (total < 0 || done < 0 || done > total) {
            throw new IllegalArgumentException("counts out of range: total " + total + ", done " + done);
        }
    }

    /** The tasks that are not done. */
    public long open() {
        return total - done;
    }
}
