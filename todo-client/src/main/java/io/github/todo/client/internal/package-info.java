/**
 * The implementation of todo-client: the HTTP exchange, the JSON and the mapping of answers to the
 * library's exceptions. Not API: it may change in any release.
 */
package io.github.todo.client.internal;
