package io.github.todo.standalone;

import io.github.todo.core.TaskService;
import io.github.todo.core.TodoConfig;
import io.github.todo.settings.Settings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code todo export}: every task, in id order, as NDJSON, JSON or CSV. */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = TodoCommand.Version.class, sortOptions = false,
        description = "Writes every task, with its id, in id order, to standard output or a file: one consistent snapshot.")
final class ExportCommand extends StoreCommand {

    @CommandLine.Option(names = "--format", paramLabel = "FORMAT", description = "ndjson (one JSON object a line), json (an array) "
            + "or csv; default: from the --to file's extension, else ndjson")
    TaskFormat format;

    @CommandLine.Option(names = "--to", paramLabel = "FILE",
            description = "the file to write (replaced if it exists); default: standard output")
    Path to;

    @Override
    int run(Settings settings) throws IOException {
        TodoConfig config = store(settings);
        TaskFormat chosen = format != null ? format : to != null ? TaskFormat.ofFile(to) : TaskFormat.NDJSON;
        long[] count = {0};
        // standard output is flushed, never closed
        Writer out = to == null ? new BufferedWriter(new OutputStreamWriter(root.out, StandardCharsets.UTF_8), 1 << 16)
                : Files.newBufferedWriter(to, StandardCharsets.UTF_8);
        try (TaskService tasks = TaskService.open(config)) {
            TaskFormat.Writer writer = chosen.writer(out);
            tasks.forEach(task -> {
                try {
                    writer.write(task);
                    count[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            writer.finish();
            out.flush();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            if (to != null) {
                out.close();
            }
        }
        if (to != null) {
            root.out.println("exported " + count[0] + " tasks from " + config.location() + " to " + to.toAbsolutePath());
        }
        return 0;
    }
}
