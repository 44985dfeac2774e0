package io.github.todo.core;

import java.nio.file.Path;

/** Opens stores on real SQLite files for tests. */
final class TestStores {

    private TestStores() {
        // Prevent instantiation
    }

    static TaskService open(Path dir) {
        return TaskService.open(TodoConfig.of(dir.resolve("todo.db")));
    }

    static TaskService open(Path dir, TodoConfig.Builder settings) {
        return TaskService.open(settings.build());
    }
}
