/**
 * The benchmark tool: {@link io.github.todo.bench.Main} with the {@code seed}, {@code load},
 * {@code chart} and {@code jmh} commands. Everything but {@code Main} is package-private.
 */
package io.github.todo.bench;
