/**
 * The implementation of the HTTP contract. Not API: it may change in any release.
 */
package io.github.todo.http.internal;
