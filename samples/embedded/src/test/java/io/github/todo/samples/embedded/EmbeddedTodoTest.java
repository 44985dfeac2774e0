package io.github.todo.samples.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.todo.core.Task;
import io.github.todo.core.TaskService;
import io.github.todo.core.TodoConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedTodoTest {

    @TempDir
    Path dir;

    @Test
    void main_writes_the_tasks_to_the_file_and_prints_them_by_page_and_one_by_one() throws IOException {
        Path file = dir.resolve("sample.db");

        List<String> output = run(file.toString());

        assertEquals(List.of(
                "page: [Task[id=1, name=write the docs, done=true, version=2], Task[id=2, name=ship 0.2.0, done=false, version=1]]",
                "page: [Task[id=3, name=learn the API, done=true, version=1]]",
                "[x] write the docs",
                "[ ] ship 0.2.0",
                "[x] learn the API",
                "3 tasks in " + file), output);
        try (TaskService tasks = TaskService.open(TodoConfig.of(file))) {
            List<Task> stored = new ArrayList<>();
            tasks.forEach(stored::add);
            assertEquals(List.of(new Task(1, "write the docs", true, 2), new Task(2, "ship 0.2.0", false),
                    new Task(3, "learn the API", true)), stored);
        }
    }

    @Test
    void main_without_arguments_uses_a_new_temp_file() throws IOException {
        List<String> output = run();

        String last = output.get(output.size() - 1);
        assertTrue(last.startsWith("3 tasks in "), last);
        Path file = Path.of(last.substring("3 tasks in ".length()));
        try {
            assertTrue(Files.isRegularFile(file), file + " exists");
            try (TaskService tasks = TaskService.open(TodoConfig.of(file))) {
                assertEquals(3, tasks.count());
            }
        } finally {
            try (var files = Files.list(file.getParent())) {
                for (Path path : files.toList()) {
                    Files.delete(path);
                }
            }
            Files.delete(file.getParent());
        }
    }

    @Test
    void the_readme_shows_main_as_it_is() throws IOException {
        String source = Files.readString(Path.of("src/main/java/io/github/todo/samples/embedded/EmbeddedTodo.java"));
        int start = source.indexOf("    public static void main");
        int end = source.indexOf("\n    }\n", start) + "\n    }".length();
        String main = source.substring(start, end).stripIndent() + "\n";
        assertTrue(Files.readString(Path.of("README.md")).contains(main), "README.md shows this main:\n" + main);
    }

    /** Runs main and returns what it printed, line by line. */
    private static List<String> run(String... args) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            EmbeddedTodo.main(args);
        } finally {
            System.setOut(out);
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
