package io.github.todo.client.internal;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads JSON text a token at a time, for the few shapes the todo API answers: objects of strings,
 * numbers and booleans, and arrays of them. An array is read element by element from the stream,
 * never held whole. Members the client does not know are skipped, so the server may add some.
 */
final class JsonReader {

    private static final int MAX_DEPTH = 64;
    private static final int NONE = -2;

    private final Reader in;
    private int peeked = NONE;
    private int depth;
    /** Per nesting level: whether an element was read, so a comma must come before the next. */
    private final boolean[] started = new boolean[MAX_DEPTH + 1];

    JsonReader(Reader in) {
        this.in = in;
    }

    void beginObject() throws IOException {
        begin('{');
    }

    void endObject() throws IOException {
        end('}');
    }

    void beginArray() throws IOException {
        begin('[');
    }

    void endArray() throws IOException {
        end(']');
    }

    /** Whether the current object or array has another member or element; reads the comma before it. */
    boolean hasNext() throws IOException {
        int c = skipSpace();
        if (c == ']' || c == '}') {
            return false;
        }
        if (started[depth]) {
            if (c != ',') {
                throw malformed("a comma or the end of an array or object", c);
            }
            read();
        }
        started[depth] = true;
        return true;
    }

    /** A member's name, and the colon after it. */
    String nextName() throws IOException {
        String name = nextString();
        expect(':');
        return name;
    }

    String nextString() throws IOException {
        expect('"');
        StringBuilder text = new StringBuilder();
        while (true) {
            int c = read();
            if (c == '"') {
                return text.toString();
            }
            if (c == '\\') {
                text.append(escaped());
            } else if (c < 0x20) {
                throw malformed("the rest of a string", c);
            } else {
                text.append((char) c);
            }
        }
    }

    long nextLong() throws IOException {
        String literal = literal();
        try {
            return Long.parseLong(literal);
        } catch (NumberFormatException e) {
            throw new IOException("malformed JSON: expected an integer, found " + literal);
        }
    }

    boolean nextBoolean() throws IOException {
        String literal = literal();
        return switch (literal) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IOException("malformed JSON: expected true or false, found " + literal);
        };
    }

    /** Whether the next value is a string (else a number, boolean, null, object or array). */
    boolean peekString() throws IOException {
        return skipSpace() == '"';
    }

    void skipValue() throws IOException {
        switch (skipSpace()) {
            case '"' -> nextString();
            case '[' -> {
                beginArray();
                while (hasNext()) {
                    skipValue();
                }
                endArray();
            }
            case '{' -> {
                beginObject();
                while (hasNext()) {
                    nextName();
                    skipValue();
                }
                endObject();
            }
            default -> literal();
        }
    }

    private void begin(char open) throws IOException {
        expect(open);
        if (depth == MAX_DEPTH) {
            throw new IOException("malformed JSON: nested deeper than " + MAX_DEPTH);
        }
        started[++depth] = false;
    }

    private void end(char close) throws IOException {
        expect(close);
        depth--;
    }

    private char escaped() throws IOException {
        int c = read();
        return switch (c) {
            case '"', '\\', '/' -> (char) c;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                int code = 0;
                for (int i = 0; i < 4; i++) {
                    int digit = Character.digit(read(), 16);
                    if (digit < 0) {
                        throw new IOException("malformed JSON: a \\u escape needs four hex digits");
                    }
                    code = code * 16 + digit;
                }
                yield (char) code; // a surrogate pair arrives as two escapes, each appended as it is
            }
            default -> throw malformed("an escape character", c);
        };
    }

    /** A number, {@code true}, {@code false} or {@code null}, as written. */
    private String literal() throws IOException {
        skipSpace();
        StringBuilder literal = new StringBuilder();
        int c;
        while ((c = peek()) >= 0 && (Character.isLetterOrDigit(c) || c == '-' || c == '+' || c == '.')) {
            literal.append((char) read());
        }
        if (literal.length() == 0) {
            throw malformed("a value", c);
        }
        return literal.toString();
    }

    private void expect(char wanted) throws IOException {
        int c = skipSpace();
        if (c != wanted) {
            throw malformed("'" + wanted + "'", c);
        }
        read();
    }

    private int skipSpace() throws IOException {
        int c;
        while ((c = peek()) == ' ' || c == '\n' || c == '\r' || c == '\t') {
            read();
        }
        return c;
    }

    private int peek() throws IOException {
        if (peeked == NONE) {
            peeked = in.read();
        }
        return peeked;
    }

    private int read() throws IOException {
        int c = peek();
        peeked = NONE;
        if (c < 0) {
            throw new IOException("malformed JSON: the answer ends too early");
        }
        return c;
    }

    private static IOException malformed(String expected, int found) {
        return new IOException("malformed JSON: expected " + expected + ", found "
                + (found < 0 ? "the end" : "'" + (char) found + "'"));
    }
}
