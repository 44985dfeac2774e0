/** todo-core embedded in a plain Java program: no server, no HTTP. */
package io.github.todo.samples.embedded;
