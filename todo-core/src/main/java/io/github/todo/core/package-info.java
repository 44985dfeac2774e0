/**
 * The todo library's API: open a {@link io.github.todo.core.TaskService} from a {@link io.github.todo.core.TodoConfig}
 * and manage {@link io.github.todo.core.Task}s with it.
 */
package io.github.todo.core;
