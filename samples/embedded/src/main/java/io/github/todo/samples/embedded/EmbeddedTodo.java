package io.github.todo.samples.embedded;

import io.github.todo.core.ExpectedVersion;
import io.github.todo.core.PageRequest;
import io.github.todo.core.Task;
import io.github.todo.core.TaskDraft;
import io.github.todo.core.TaskPage;
import io.github.todo.core.TaskPatch;
import io.github.todo.core.TaskService;
import io.github.todo.core.TodoConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a task store on a file, writes a few tasks, reads them back two ways, and closes it. */
public final class EmbeddedTodo {

    private EmbeddedTodo() {
    }

    /** {@code args[0]}: the database file, created if missing; a new temp file when absent. */
    public static void main(String[] args) throws IOException {
        Path file = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("todo").resolve("todo.db");
        try (TaskService tasks = TaskService.open(TodoConfig.of(file))) {
            Task docs = tasks.create(TaskDraft.of("write the docs"));
            tasks.create(TaskDraft.of("ship 0.2.0"));
            tasks.create(new TaskDraft("learn the API", true));
            tasks.patch(docs.id(), new TaskPatch(null, true), ExpectedVersion.any());

            PageRequest request = PageRequest.first(2);
            TaskPage page = tasks.list(request);
            System.out.println("page: " + page.tasks());
            while (page.nextAfter().isPresent()) {
                page = tasks.list(request.next(page.nextAfter().getAsLong()));
                System.out.println("page: " + page.tasks());
            }
            tasks.forEach(task -> System.out.println((task.done() ? "[x] " : "[ ] ") + task.name()));
            System.out.println(tasks.count() + " tasks in " + file);
        }
    }
}
