/**
 * The HTTP contract of todo, written once and free of any container API: {@link io.github.todo.http.TodoApi}
 * serves an {@link io.github.todo.http.ApiExchange} that each adapter (servlet, Undertow) implements.
 */
package io.github.todo.http;
