package io.github.todo.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** todo-core's own classes respect the boundary, and the rule says what it should. */
class ApiBoundaryTest {

    @Test
    void no_class_uses_an_internal_type_from_outside_its_owner() throws Exception {
        ApiBoundary.assertNoInternalUseFromOutside(Path.of("target/classes"), Path.of("target/test-classes"));
    }

    @Test
    void the_rule_lets_an_owner_in_and_keeps_others_out() {
        assertTrue(ApiBoundary.allowed("io/github/todo/core/TaskService", "io/github/todo/core/internal/DefaultTaskService"));
        assertTrue(ApiBoundary.allowed("io/github/todo/core/internal/sqlite/SqliteStore", "io/github/todo/core/internal/Store"));
        assertFalse(ApiBoundary.allowed("io/github/todo/http/TodoApi", "io/github/todo/core/internal/DefaultTaskService"));
        assertFalse(ApiBoundary.allowed("io/github/todo/servlet/TodoServlet", "io/github/todo/http/internal/Router"));
        assertTrue(ApiBoundary.allowed("io/github/todo/servlet/TodoServlet", "io/github/todo/core/TaskService"));
    }
}
