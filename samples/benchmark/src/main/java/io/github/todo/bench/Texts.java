package io.github.todo.bench;

/** Small text helpers for messages. */
final class Texts {

    private static final int MAX = 200;

    private Texts() {
        // Prevent instantiation
    }

    /** The text on one line and at most 200 characters, so an error stays a one-line message. */
    static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX ? oneLine : oneLine.substring(0, MAX) + "...";
    }
}
