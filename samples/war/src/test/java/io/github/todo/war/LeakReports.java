package io.github.todo.war;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What Tomcat's leak detection says while a web application stops: threads the application
 * started and left running, JDBC drivers it registered and left registered, ThreadLocals, ....
 * It reports through java.util.logging, as warnings and errors of the web application class loader.
 */
final class LeakReports extends Handler implements AutoCloseable {

    // a strong reference: java.util.logging holds its loggers weakly, and would drop the handler with it
    private final Logger logger = Logger.getLogger("org.apache.catalina.loader.WebappClassLoaderBase");
    private final List<String> reports = new CopyOnWriteArrayList<>();

    private LeakReports() {
    }

    /** Starts listening. */
    static LeakReports listen() {
        LeakReports reports = new LeakReports();
        reports.logger.addHandler(reports);
        return reports;
    }

    /** The reports so far, without the ones that only ask for --add-opens to look further. */
    List<String> reports() {
        return reports.stream().filter(message -> !message.contains("--add-opens")).toList();
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            reports.add(record.getMessage());
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
