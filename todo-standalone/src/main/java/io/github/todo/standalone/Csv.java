package io.github.todo.standalone;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** An RFC 4180 record reader: quoted fields may hold commas, quotes ({@code ""}) and line breaks. */
final class Csv {

    private final BufferedReader in;
    private long line;
    private long startLine;

    Csv(BufferedReader in) {
        this.in = in;
    }

    /** The line the last record began on, from 1. */
    long startLine() {
        return startLine;
    }

    /** The next record's fields, or {@code null} at the end. A blank line is skipped. */
    String[] next() throws IOException {
        String text;
        do {
            text = in.readLine();
            if (text == null) {
                return null;
            }
            line++;
        } while (text.isEmpty());
        startLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; ; i++) {
            if (i == text.length()) {
                if (!quoted) {
                    break;
                }
                String more = in.readLine(); // a line break inside quotes belongs to the field
                if (more == null) {
                    throw new IllegalStateException("a quoted field is not closed");
                }
                line++;
                field.append('\n');
                text = more;
                i = -1;
                continue;
            }
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields.toArray(new String[0]);
    }
}
