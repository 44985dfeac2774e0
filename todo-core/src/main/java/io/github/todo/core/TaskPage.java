package io.github.todo.core;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One page of tasks in id order.
 *
 * @param tasks     the tasks on this page, never more than the requested limit
 * @param nextAfter the {@code after} value of the next page, empty when this is the last page
 */
public record TaskPage(List<Task> tasks, OptionalLong nextAfter) {

    /** Copies the list so the page cannot change after it is returned. */
    public TaskPage {
        tasks = List.copyOf(tasks);
        Objects.requireNonNull(nextAfter, "nextAfter");
    }
}
