package io.github.todo.core.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closing what may fail to close, where the failure changes nothing. */
public final class Closeables {

    private static final Logger LOG = LoggerFactory.getLogger(Closeables.class);

    private Closeables() {
        // Prevent instantiation
    }

    /** Closes {@code closeable}, if not null; a failure is logged at debug level and otherwise ignored. */
    public static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("close failed: {}", e.getMessage());
        }
    }
}
