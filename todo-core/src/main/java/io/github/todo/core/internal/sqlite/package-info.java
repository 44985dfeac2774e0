/**
 * The SQLite store: its single writer over the group committer, the writer's connection, the
 * rescue of a removed file, the watch for other connections' commits, the read cache and the
 * quick reads. Not API: it may change in any release.
 */
package io.github.todo.core.internal.sqlite;
