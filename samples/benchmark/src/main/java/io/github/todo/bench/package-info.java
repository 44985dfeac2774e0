/**
 * The benchmark tool: {@link io.github.todo.bench.Main} with the {@code seed}, {@code load},
 * {@code chart}, {@code startup} and {@code jmh} commands, on picocli. Everything but {@code Main} is package-private.
 */
package io.github.todo.bench;
