package io.github.todo.standalone;

import io.github.todo.settings.Option;
import io.github.todo.settings.Options;
import io.github.todo.settings.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import sun.misc.Signal;

/** {@code todo serve}, also what {@code todo} does without a command: runs the server until SIGTERM or SIGINT. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = TodoCommand.Version.class, sortOptions = false,
        description = "Serves the todo API over HTTP until SIGTERM or SIGINT, then shuts down gracefully.")
final class ServeCommand extends Subcommand implements Callable<Integer>, CommandWithOptions {

    private static final String SIMPLE_LOGGER = "org.slf4j.simpleLogger.";

    @Override
    public List<Option<?>> options() {
        List<Option<?>> all = new ArrayList<>(Options.SERVER_OPTIONS);
        all.addAll(Options.STORE_OPTIONS);
        all.addAll(Options.API_OPTIONS);
        all.addAll(List.of(Options.CONFIG, Options.DEBUG));
        return all;
    }

    @Override
    public Integer call() {
        return serve(spec, root);
    }

    /** Adds serve's options to {@code todo} itself, which serves when given no command. */
    static void addOptions(CommandSpec todo) {
        CommandOptions.add(todo, new ServeCommand().options());
    }

    static int serve(CommandSpec spec, TodoCommand root) {
        ServerSettings settings;
        boolean debug;
        try {
            Settings given = CommandOptions.settings(spec, root.environment);
            configureLogging(given.get(Options.LOG_LEVEL));
            given.applySqliteTmpdir(); // before the SQLite driver loads
            settings = ServerSettings.from(given);
            debug = given.get(Options.DEBUG);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        TodoServer server;
        try {
            server = TodoServer.start(settings);
        } catch (TlsException e) {
            root.err.println("todo: " + e.getMessage()); // the file and what is wrong with it: a usage error
            return 2;
        } catch (RuntimeException e) {
            root.err.println("todo: " + describe(e, settings));
            if (debug) {
                e.printStackTrace(root.err);
            }
            return 1;
        }
        Duration startup = Duration.between(ProcessHandle.current().info().startInstant().orElse(Instant.now()), Instant.now());
        root.out.println("todo " + Main.version() + " listening on " + server.url() + " (database "
                + settings.store().location() + ", started in " + startup.toMillis() + " ms)");
        root.out.flush();
        awaitSignal(server, root.stopped);
        return 0;
    }

    /** Blocks until SIGTERM or SIGINT, then shuts down gracefully; the JVM then exits 0, not 143. */
    private static void awaitSignal(TodoServer server, CountDownLatch stopped) {
        CountDownLatch signalled = new CountDownLatch(1);
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> signalled.countDown());
        }
        if (server.settings().tls().enabled()) {
            // certbot's deploy hook, or systemd's ExecReload: the renewed certificate for new connections
            Signal.handle(new Signal("HUP"), signal -> server.reloadCertificate());
        }
        // Any other way the JVM ends (System.exit elsewhere) still closes the store.
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "todo-shutdown"));
        try {
            signalled.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        stopped.countDown();
    }

    private static String describe(RuntimeException e, ServerSettings settings) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return "cannot listen on " + settings.host() + ":" + settings.port() + ": "
                        + (t.getMessage() != null && t.getMessage().contains("in use") ? "the port is already in use" : t.getMessage());
            }
        }
        return Main.describe(e);
    }

    /** Sets the log level before the first logger is made: slf4j-simple reads it once. */
    static void configureLogging(String level) {
        // Undertow and XNIO log through jboss-logging: send them to the same SLF4J binding.
        System.setProperty("org.jboss.logging.provider", "slf4j");
        System.setProperty(SIMPLE_LOGGER + "defaultLogLevel", level);
        if ("error".equals(level) || "warn".equals(level)) {
            // simplelogger.properties keeps the libraries at warn: error must quiet them too (-D still wins)
            Properties file = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/simplelogger.properties")) {
                if (in != null) {
                    file.load(in);
                }
            } catch (IOException e) {
                // no file: nothing to quiet
            }
            for (String key : file.stringPropertyNames()) {
                if (key.startsWith(SIMPLE_LOGGER + "log.")) {
                    System.getProperties().putIfAbsent(key, level);
                }
            }
        }
        // --access-log asked for these lines: they print whatever the level
        System.getProperties().putIfAbsent(SIMPLE_LOGGER + "log." + TodoServer.ACCESS_LOGGER, "info");
    }
}
