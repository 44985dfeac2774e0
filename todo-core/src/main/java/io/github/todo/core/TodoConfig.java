package io.github.todo.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * How to open a {@link TaskService}: where the tasks live and how the store behaves. Immutable;
 * build one with {@link #builder(Path)} for a SQLite file or {@link #builder(DataSource)} for a
 * data source the application already has.
 *
 * @param databaseFile       the SQLite file, created if missing; {@code null} when {@code dataSource} is set
 * @param dataSource         an externally managed data source; {@code null} when {@code databaseFile} is set.
 *                           The store never closes it.
 * @param poolSize           how many pooled connections serve reads. Default 4
 * @param busyTimeout        how long a statement waits for a lock held by another process, and how long a
 *                           write waits for room in the write queue. Default 5 s
 * @param synchronous        how durable a commit is. Default {@link Synchronous#NORMAL}
 * @param maxNameLength      the longest task name accepted, in characters (Unicode code points). Default 1000
 * @param writeQueueCapacity how many writes may wait for the writer before callers are pushed back. Default 10,000
 * @param maxBatchSize       how many queued writes one transaction commits at most. Default 512
 */
public record TodoConfig(
        Path databaseFile,
        DataSource dataSource,
        int poolSize,
        Duration busyTimeout,
        Synchronous synchronous,
        int maxNameLength,
        int writeQueueCapacity,
        int maxBatchSize) {

    /** Validates every value; a mistake throws {@link IllegalArgumentException} naming the setting. */
    public TodoConfig {
        if ((databaseFile == null) == (dataSource == null)) {
            throw new IllegalArgumentException("exactly one of databaseFile and dataSource must be set");
        }
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        Objects.requireNonNull(synchronous, "synchronous");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize cannot be less than 1");
        }
        if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("busyTimeout must be between 0 and " + Integer.MAX_VALUE + " ms");
        }
        if (maxNameLength < 1) {
            throw new IllegalArgumentException("maxNameLength cannot be less than 1");
        }
        if (writeQueueCapacity < 1) {
            throw new IllegalArgumentException("writeQueueCapacity cannot be less than 1");
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize cannot be less than 1");
        }
    }

    /** Starts a configuration for the SQLite database in {@code databaseFile}. */
    public static Builder builder(Path databaseFile) {
        return new Builder(Objects.requireNonNull(databaseFile, "databaseFile"), null);
    }

    /** Starts a configuration over a data source the application manages (and closes) itself. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(null, Objects.requireNonNull(dataSource, "dataSource"));
    }

    /** The defaults for {@code databaseFile}. */
    public static TodoConfig of(Path databaseFile) {
        return builder(databaseFile).build();
    }

    /** A builder initialised from this configuration. */
    public Builder toBuilder() {
        return new Builder(databaseFile, dataSource)
                .poolSize(poolSize)
                .busyTimeout(busyTimeout)
                .synchronous(synchronous)
                .maxNameLength(maxNameLength)
                .writeQueueCapacity(writeQueueCapacity)
                .maxBatchSize(maxBatchSize);
    }

    /** Builds a {@link TodoConfig}; every setting starts at its documented default. */
    public static final class Builder {
        private final Path databaseFile;
        private final DataSource dataSource;
        private int poolSize = 4;
        private Duration busyTimeout = Duration.ofSeconds(5);
        private Synchronous synchronous = Synchronous.NORMAL;
        private int maxNameLength = 1000;
        private int writeQueueCapacity = 10_000;
        private int maxBatchSize = 512;

        private Builder(Path databaseFile, DataSource dataSource) {
            this.databaseFile = databaseFile;
            this.dataSource = dataSource;
        }

        /** Sets {@link TodoConfig#poolSize()}. */
        public Builder poolSize(int poolSize) {
            this.poolSize = poolSize;
            return this;
        }

        /** Sets {@link TodoConfig#busyTimeout()}. */
        public Builder busyTimeout(Duration busyTimeout) {
            this.busyTimeout = busyTimeout;
            return this;
        }

        /** Sets {@link TodoConfig#synchronous()}. */
        public Builder synchronous(Synchronous synchronous) {
            this.synchronous = synchronous;
            return this;
        }

        /** Sets {@link TodoConfig#maxNameLength()}. */
        public Builder maxNameLength(int maxNameLength) {
            this.maxNameLength = maxNameLength;
            return this;
        }

        /** Sets {@link TodoConfig#writeQueueCapacity()}. */
        public Builder writeQueueCapacity(int writeQueueCapacity) {
            this.writeQueueCapacity = writeQueueCapacity;
            return this;
        }

        /** Sets {@link TodoConfig#maxBatchSize()}. */
        public Builder maxBatchSize(int maxBatchSize) {
            this.maxBatchSize = maxBatchSize;
            return this;
        }

        /** Validates and returns the configuration. */
        public TodoConfig build() {
            return new TodoConfig(databaseFile, dataSource, poolSize, busyTimeout, synchronous,
                    maxNameLength, writeQueueCapacity, maxBatchSize);
        }
    }
}
