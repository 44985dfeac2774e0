package io.github.todo.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the {@code load} command sends, named as in the wrk scripts. */
enum LoadOp {
    HELLO(false, 0),
    CREATE(false, 0),
    READ(true, 0),
    UPDATE(true, 0),
    DELETE(false, 1.0),
    MIXED(true, RequestSource.DELETE_PERCENT / 100.0);

    private final boolean usesPool;
    private final double deleteShare;

    LoadOp(boolean usesPool, double deleteShare) {
        this.usesPool = usesPool;
        this.deleteShare = deleteShare;
    }

    /** Whether reads and updates need a pool of existing tasks first. */
    boolean usesPool() {
        return usesPool;
    }

    /** The share of requests that delete a task, to size the tasks created for them. */
    double deleteShare() {
        return deleteShare;
    }

    /** The name on the command line and in the result files. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static LoadOp parse(String label) throws UsageException {
        for (LoadOp op : values()) {
            if (op.label().equals(label)) {
                return op;
            }
        }
        throw new UsageException("--op must be one of " + names() + ", got '" + label + "'");
    }

    static String names() {
        return Arrays.stream(values()).map(LoadOp::label).collect(Collectors.joining(" | "));
    }
}
