/**
 * The PostgreSQL store: one pool for reads and writes, writes run concurrently. Not API: it may
 * change in any release.
 */
package io.github.todo.core.internal.postgres;
