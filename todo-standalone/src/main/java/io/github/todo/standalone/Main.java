package io.github.todo.standalone;

import io.github.todo.core.TodoException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import sun.misc.Signal;

/**
 * The {@code todo} command: {@code java -jar todo-standalone.jar --help}. Exit codes: 0 after a clean
 * shutdown (SIGTERM or SIGINT), 1 when the server cannot start, 2 for a bad command line.
 */
public final class Main {

    private static final String SIMPLE_LOGGER = "org.slf4j.simpleLogger.";

    private Main() {
        // Prevent instantiation
    }

    public static void main(String[] args) {
        int code = 1;
        try {
            code = run(args, System::getenv, System.out, System.err, new CountDownLatch(1));
        } catch (Throwable unexpected) {
            System.err.println("todo: stopped by an unexpected error: " + unexpected);
        } finally {
            // Always end the JVM: Undertow's threads would otherwise keep a half-stopped server alive.
            System.exit(code);
        }
    }

    /** Runs the command; returns the exit code. A started server runs until a signal arrives. */
    static int run(String[] args, UnaryOperator<String> environment, PrintStream out, PrintStream err, CountDownLatch stopped) {
        CommandLine commandLine;
        ServerSettings settings;
        try {
            commandLine = CommandLine.parse(args, environment);
            if (commandLine.has(CommandLine.HELP)) {
                out.print(CommandLine.usage());
                return 0;
            }
            if (commandLine.has(CommandLine.VERSION)) {
                out.println("todo " + version());
                return 0;
            }
            configureLogging(commandLine.logLevel());
            settings = commandLine.serverSettings();
        } catch (IllegalArgumentException e) {
            err.println("todo: " + e.getMessage());
            err.println();
            err.print(CommandLine.usage());
            return 2;
        }
        boolean debug = commandLine.has(CommandLine.DEBUG);
        TodoServer server;
        try {
            server = TodoServer.start(settings);
        } catch (RuntimeException e) {
            err.println("todo: " + describe(e, settings));
            if (debug) {
                e.printStackTrace(err);
            }
            return 1;
        }
        Duration startup = Duration.between(ProcessHandle.current().info().startInstant().orElse(Instant.now()), Instant.now());
        out.println("todo " + version() + " listening on " + server.url() + " (database "
                + settings.store().location() + ", started in " + startup.toMillis() + " ms)");
        out.flush();
        awaitSignal(server, stopped);
        return 0;
    }

    /** Blocks until SIGTERM or SIGINT, then shuts down gracefully; the JVM then exits 0, not 143. */
    private static void awaitSignal(TodoServer server, CountDownLatch stopped) {
        CountDownLatch signalled = new CountDownLatch(1);
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> signalled.countDown());
        }
        // Any other way the JVM ends (System.exit elsewhere) still closes the store.
        Thread hook = new Thread(server::close, "todo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
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
        if (e instanceof TodoException) {
            return e.getMessage();
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    private static void configureLogging(String level) {
        // Undertow and XNIO log through jboss-logging: send them to the same SLF4J binding.
        System.setProperty("org.jboss.logging.provider", "slf4j");
        System.setProperty(SIMPLE_LOGGER + "defaultLogLevel", level);
        if ("error".equals(level)) {
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
                    System.getProperties().putIfAbsent(key, "error");
                }
            }
        }
        // --access-log asked for these lines: they print whatever the level
        System.getProperties().putIfAbsent(SIMPLE_LOGGER + "log." + TodoServer.ACCESS_LOGGER, "info");
    }

    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version != null ? version : "development";
    }
}
