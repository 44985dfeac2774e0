/**
 * A Java client of the todo HTTP API: {@link io.github.todo.client.TodoClient}, a
 * {@link io.github.todo.core.TaskService} that talks to a todo server.
 */
package io.github.todo.client;
