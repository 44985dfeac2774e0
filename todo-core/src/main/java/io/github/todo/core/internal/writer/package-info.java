/**
 * Group commit, free of JDBC: one thread applies queued writes in batches over a {@link
 * io.github.todo.core.internal.writer.Transaction}. Not API: it may change in any release.
 */
package io.github.todo.core.internal.writer;
