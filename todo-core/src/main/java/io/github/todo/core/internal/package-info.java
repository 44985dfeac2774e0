/**
 * The implementation of the todo library. Not API: it may change in any release.
 */
package io.github.todo.core.internal;
