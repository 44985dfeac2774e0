package io.github.todo.http.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts request body bytes as they are read and stops at the limit, so an oversized body is
 * refused with 413 without ever being held in memory.
 */
final class BoundedBody extends FilterInputStream {

    private final long limit;
    private long count;

    BoundedBody(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    /** Leaves the request's stream open: the adapter reads past what is left of a refused body. */
    @Override
    public void close() {
    }

    private void count(long n) {
        count += n;
        if (count > limit) {
            throw tooLarge(limit);
        }
    }

    static HttpProblemException tooLarge(long limit) {
        return new HttpProblemException(413, "body", "the request body is larger than the limit of " + limit + " bytes");
    }
}
