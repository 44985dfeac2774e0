/** JMH benchmarks of todo-core's {@code TaskService} against plain JDBC on the same kind of SQLite file. */
package io.github.todo.bench.jmh;
