/**
 * Reliability tests against the real runnable jar: crash safety under {@code kill -9}, load, bad
 * input at volume and slow clients. The {@code *JarTest} classes are the short forms that
 * {@code ./mvnw -B verify} runs; {@link io.github.todo.standalone.reliability.Reliability} runs the long
 * forms (docs/RELIABILITY.md).
 */
package io.github.todo.standalone.reliability;
