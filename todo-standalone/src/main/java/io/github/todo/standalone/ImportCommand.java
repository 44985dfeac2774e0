package io.github.todo.standalone;

import io.github.todo.core.TaskImport;
import io.github.todo.core.TaskService;
import io.github.todo.core.TodoConfig;
import io.github.todo.settings.Settings;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code todo import FILE}: tasks with their ids, all of them or, at the first bad line, none. */
@Command(name = "import", mixinStandardHelpOptions = true, versionProvider = TodoCommand.Version.class, sortOptions = false,
        description = "Adds the tasks of an export file to a store, with their ids, in one transaction: a bad line (named in the error) or an id the store already has leaves the store as it was.")
final class ImportCommand extends StoreCommand {

    @Parameters(paramLabel = "FILE", description = "the file to read, as todo export writes it")
    Path file;

    @CommandLine.Option(names = "--format", paramLabel = "FORMAT",
            description = "ndjson, json or csv; default: from the file's extension, else ndjson")
    TaskFormat format;

    @Override
    int run(Settings settings) throws IOException {
        TodoConfig config = store(settings);
        long started = System.nanoTime();
        long count;
        try (TaskService tasks = TaskService.open(config); TaskImport load = tasks.beginImport()) {
            TaskReader.read(file, format != null ? format : TaskFormat.ofFile(file), load::add);
            count = load.commit();
        }
        root.out.println("imported " + count + " tasks from " + file + " into " + config.location() + " in "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
        return 0;
    }
}
