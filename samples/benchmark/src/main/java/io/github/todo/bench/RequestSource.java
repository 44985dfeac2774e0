package io.github.todo.bench;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What one connection sends next for its {@link LoadOp}, like the wrk scripts: reads and updates
 * of a task picked at random from the pool, creates, deletes of ids taken once from
 * {@link DeleteIds}, or mixed.lua's mix. One per thread; not thread-safe.
 */
final class RequestSource {

    static final int READ_PERCENT = 60;
    static final int CREATE_PERCENT = 20;
    static final int UPDATE_PERCENT = 15;
    static final int DELETE_PERCENT = 5;

    /** The kind of a request, counted per run; mixed.lua reports the same counts. */
    enum Kind {
        HELLO, READ, CREATE, UPDATE, DELETE,
        /** A read sent in mixed mode because the tasks made for deleting were used up. */
        DELETE_EXHAUSTED;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final LoadOp op;
    private final HttpRequests requests;
    private final long[] pool;
    private final DeleteIds deleteIds;
    private final SplittableRandom random;
    private final byte[] buffer;
    private byte[] bytes;
    private int length;

    RequestSource(LoadOp op, HttpRequests requests, long[] pool, DeleteIds deleteIds, long seed) {
        this.op = op;
        this.requests = requests;
        this.pool = pool;
        this.deleteIds = deleteIds;
        this.random = new SplittableRandom(seed);
        this.buffer = requests.newBuffer();
    }

    /**
     * Prepares the next request, available from {@link #bytes()} and {@link #length()}.
     *
     * @return its kind, or {@code null} for the delete op once every task made for it is gone
     */
    RequestSource.Kind next() {
        switch (op) {
            case HELLO:
                return fixed(Kind.HELLO, requests.hello());
            case CREATE:
                return fixed(Kind.CREATE, requests.create());
            case READ:
                return read();
            case UPDATE:
                return update();
            case DELETE:
                return delete() ? Kind.DELETE : null;
            default:
                return mixed();
        }
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    private Kind mixed() {
        int dice = random.nextInt(100);
        if (dice < READ_PERCENT) {
            return read();
        } else if (dice < READ_PERCENT + CREATE_PERCENT) {
            return fixed(Kind.CREATE, requests.create());
        } else if (dice < READ_PERCENT + CREATE_PERCENT + UPDATE_PERCENT) {
            return update();
        } else if (delete()) {
            return Kind.DELETE;
        }
        read();
        return Kind.DELETE_EXHAUSTED;
    }

    private Kind fixed(Kind kind, byte[] request) {
        bytes = request;
        length = request.length;
        return kind;
    }

    private Kind read() {
        bytes = buffer;
        length = requests.read(pool[random.nextInt(pool.length)], buffer);
        return Kind.READ;
    }

    private Kind update() {
        bytes = buffer;
        length = requests.update(pool[random.nextInt(pool.length)], buffer);
        return Kind.UPDATE;
    }

    private boolean delete() {
        long id = deleteIds.take();
        if (id < 0) {
            return false;
        }
        bytes = buffer;
        length = requests.delete(id, buffer);
        return true;
    }
}
