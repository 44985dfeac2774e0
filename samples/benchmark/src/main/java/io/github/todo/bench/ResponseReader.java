package io.github.todo.bench;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads HTTP/1.1 responses off one connection: the status line, the headers that frame the body
 * ({@code Content-Length}, {@code Transfer-Encoding: chunked}, {@code Connection}), and the body,
 * which is skipped unless asked for. Enough to keep a keep-alive connection in step; not a
 * general HTTP client (no HEAD requests, no {@code Expect: 100-continue}, no trailers kept).
 */
final class ResponseReader {

    private static final int MAX_LINE = 64 * 1024;
    private static final int NO_LENGTH = -1;

    private final InputStream in;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    private byte[] line = new byte[256];
    private int lineLength;

    private long contentLength;
    private boolean chunked;
    private boolean close;

    ResponseReader(InputStream in) {
        this.in = in;
    }

    /**
     * Reads one whole response.
     *
     * @param body where to copy the body, or {@code null} to skip it
     * @return the status code
     */
    int read(ByteArrayOutputStream body) throws IOException {
        int status;
        do { // 1xx answers are interim: the real one follows
            status = statusLine();
            headers();
        } while (status >= 100 && status < 200 && status != 101);
        if (status == 204 || status == 304) {
            return status;
        }
        if (chunked) {
            chunks(body);
        } else if (contentLength != NO_LENGTH) {
            transfer(contentLength, body);
        } else {
            untilEndOfStream(body); // RFC 9112 §6.3: no length means the body ends with the connection
            close = true;
        }
        return status;
    }

    /** Whether the server ends the connection after this response. */
    boolean mustClose() {
        return close;
    }

    private int statusLine() throws IOException {
        if (!readLine(true)) {
            throw new EOFException("connection closed by the server before a response");
        }
        // "HTTP/1.1 200 OK": the version, a space, three digits
        if (lineLength < 12 || line[0] != 'H' || line[4] != '/' || line[8] != ' ') {
            throw new IOException("not an HTTP status line: " + Texts.abbreviate(lineText()));
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            int digit = line[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new IOException("not an HTTP status line: " + Texts.abbreviate(lineText()));
            }
            status = status * 10 + digit;
        }
        // HTTP/1.0 closes unless it says keep-alive; HTTP/1.1 keeps the connection unless it says close.
        close = line[5] == '1' && line[7] == '0';
        return status;
    }

    private void headers() throws IOException {
        contentLength = NO_LENGTH;
        chunked = false;
        while (true) {
            if (!readLine(false) || lineLength == 0) {
                return;
            }
            if (isHeader("content-length")) {
                contentLength = parseLength(headerValue());
            } else if (isHeader("transfer-encoding")) {
                chunked = headerValue().toLowerCase().contains("chunked");
            } else if (isHeader("connection")) {
                String value = headerValue().toLowerCase();
                if (value.contains("close")) {
                    close = true;
                } else if (value.contains("keep-alive")) {
                    close = false;
                }
            }
        }
    }

    private void chunks(ByteArrayOutputStream body) throws IOException {
        while (true) {
            if (!readLine(false)) {
                throw new EOFException("connection closed inside a chunked body");
            }
            String size = lineText();
            int extension = size.indexOf(';');
            long length;
            try {
                length = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).strip(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size: " + Texts.abbreviate(size), e);
            }
            if (length == 0) {
                while (readLine(false) && lineLength > 0) {
                    // trailer fields: not needed
                }
                return;
            }
            transfer(length, body);
            readLine(false); // the CRLF after the chunk's data
        }
    }

    private void transfer(long length, ByteArrayOutputStream body) throws IOException {
        long left = length;
        while (left > 0) {
            if (position == limit && !fill()) {
                throw new EOFException("connection closed with " + left + " body bytes still to come");
            }
            int take = (int) Math.min(left, limit - position);
            if (body != null) {
                body.write(buffer, position, take);
            }
            position += take;
            left -= take;
        }
    }

    private void untilEndOfStream(ByteArrayOutputStream body) throws IOException {
        while (position < limit || fill()) {
            if (body != null) {
                body.write(buffer, position, limit - position);
            }
            position = limit;
        }
    }

    /** Reads a line without its CR LF into {@link #line}; false at end of stream before any byte. */
    private boolean readLine(boolean statusLine) throws IOException {
        lineLength = 0;
        while (true) {
            if (position == limit && !fill()) {
                if (lineLength == 0) {
                    return false;
                }
                throw new EOFException("connection closed inside a " + (statusLine ? "status line" : "header"));
            }
            byte b = buffer[position++];
            if (b == '\n') {
                if (lineLength > 0 && line[lineLength - 1] == '\r') {
                    lineLength--;
                }
                return true;
            }
            if (lineLength == line.length) {
                if (line.length >= MAX_LINE) {
                    throw new IOException("response line longer than " + MAX_LINE + " bytes");
                }
                line = Arrays.copyOf(line, line.length * 2);
            }
            line[lineLength++] = b;
        }
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer);
        if (read <= 0) {
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }

    /** Whether the current line is the header {@code lowerCaseName}, compared ignoring case. */
    private boolean isHeader(String lowerCaseName) {
        int n = lowerCaseName.length();
        if (lineLength <= n || line[n] != ':') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (Character.toLowerCase((char) line[i]) != lowerCaseName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private String headerValue() {
        int colon = 0;
        while (line[colon] != ':') {
            colon++;
        }
        return new String(line, colon + 1, lineLength - colon - 1, StandardCharsets.ISO_8859_1).strip();
    }

    private String lineText() {
        return new String(line, 0, lineLength, StandardCharsets.ISO_8859_1);
    }

    private static long parseLength(String value) throws IOException {
        try {
            long length = Long.parseLong(value);
            if (length < 0) {
                throw new IOException("negative Content-Length: " + value);
            }
            return length;
        } catch (NumberFormatException e) {
            throw new IOException("bad Content-Length: " + Texts.abbreviate(value), e);
        }
    }
}
