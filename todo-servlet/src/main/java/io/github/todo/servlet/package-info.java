/**
 * The Jakarta Servlet 6 adapter: {@link io.github.todo.servlet.TodoServlet} serves the todo API in
 * any servlet container, from a WAR or registered by an application.
 */
package io.github.todo.servlet;
