/**
 * The standalone todo server: the HTTP contract on Undertow, started by {@link io.github.todo.standalone.Main}
 * or embedded with {@link io.github.todo.standalone.TodoServer#start(ServerSettings)}. Here
 * {@code Option} is the settings model's, {@link io.github.todo.settings.Option}; picocli's
 * annotation is written {@code @CommandLine.Option}.
 */
package io.github.todo.standalone;
