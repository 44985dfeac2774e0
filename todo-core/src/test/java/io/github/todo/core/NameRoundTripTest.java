package io.github.todo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NameRoundTripTest {

    @TempDir
    Path dir;

    /** Where the tasks live: the same database on every call. */
    TodoConfig.Builder store() {
        return TodoConfig.builder(dir.resolve("todo.db"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "plain",
        "emoji \uD83D\uDE80\uD83D\uDC69\u200D\uD83D\uDCBB",
        "\u05E9\u05DC\u05D5\u05DD \u0639\u0631\u0628\u064A",          // right-to-left text
        "e\u0301 a\u0308 combining",                                  // combining marks
        "quotes ' \" ` and \\ backslash",
        "'; DROP TABLE tasks; --",
        "%_ like wildcards",
        "  leading and trailing spaces  ",
        "line\nbreaks\r\nand\ttabs"
    })
    void names_round_trip_exactly(String name) {
        try (TaskService tasks = TaskService.open(store().build())) {
            Task created = tasks.create(new TaskDraft(name, false));
            assertEquals(name, created.name());
            assertEquals(name, tasks.find(created.id()).orElseThrow().name());
            assertEquals(name, tasks.replace(created.id(), new TaskDraft(name, true), ExpectedVersion.any()).name());
            assertEquals(name, tasks.list(PageRequest.first(10)).tasks().get(0).name());
        }
        try (TaskService reopened = TaskService.open(store().build())) {
            assertEquals(name, reopened.list(PageRequest.first(10)).tasks().get(0).name());
            assertEquals(1, reopened.count(), "the injection string did not touch the table");
        }
    }
}
