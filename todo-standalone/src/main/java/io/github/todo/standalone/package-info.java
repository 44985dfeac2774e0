/**
 * The standalone todo server: the HTTP contract on Undertow, started by {@link io.github.todo.standalone.Main}
 * or embedded with {@link io.github.todo.standalone.TodoServer#start(ServerSettings)}.
 */
package io.github.todo.standalone;
