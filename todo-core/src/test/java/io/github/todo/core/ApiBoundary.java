package io.github.todo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The API boundary, enforced on compiled classes: a type in a package {@code X.internal} (or below
 * it) may be used only by classes in {@code X} and below, so todo-servlet cannot reach into
 * {@code core.internal}, nor the servlet adapter into {@code http.internal}. Reads every class
 * name in each class file's constant pool (which holds every type a class refers to, in
 * signatures, casts and calls alike); no library needed. JPMS would say the same at compile time,
 * but not here: see docs/ARCHITECTURE.md.
 */
public final class ApiBoundary {

    private static final Pattern TODO_TYPE = Pattern.compile("io/github/todo/[A-Za-z0-9_/$]+");

    private ApiBoundary() {
        // Prevent instantiation
    }

    /**
     * Fails, listing each offending class and the internal types it uses, for the class folders
     * given; fails too when a folder is missing or holds no class, where it would check nothing.
     */
    public static void assertNoInternalUseFromOutside(Path... classFolders) throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path folder : classFolders) {
            assertTrue(Files.isDirectory(folder), folder.toAbsolutePath() + " is missing: nothing to check");
            int read = 0;
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                    read++;
                    String user = folder.relativize(file).toString().replace('\\', '/');
                    user = user.substring(0, user.length() - ".class".length());
                    TreeSet<String> used = new TreeSet<>();
                    for (String name : classNames(file)) {
                        if (!allowed(user, name)) {
                            used.add(name);
                        }
                    }
                    if (!used.isEmpty()) {
                        violations.add(user.replace('/', '.') + " uses " + used);
                    }
                }
            }
            assertTrue(read > 0, folder.toAbsolutePath() + " holds no class: nothing was checked");
        }
        assertEquals(List.of(), violations, "internal types used from outside the package that owns them");
    }

    /** True when {@code user} (a class's binary name with slashes) may use type {@code used}. */
    static boolean allowed(String user, String used) {
        int internal = used.indexOf("/internal/");
        if (internal < 0) {
            return true;
        }
        String owner = used.substring(0, internal + 1); // "io/github/todo/core/"
        return user.startsWith(owner);
    }

    /** Every io.github.todo type name a class file refers to; string constants do not count. */
    private static List<String> classNames(Path classFile) throws IOException {
        Map<Integer, String> texts = new HashMap<>();
        Set<Integer> literals = new HashSet<>();
        try (InputStream in = Files.newInputStream(classFile); DataInputStream data = new DataInputStream(in)) {
            data.readInt(); // magic
            data.readUnsignedShort(); // minor
            data.readUnsignedShort(); // major
            int count = data.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = data.readUnsignedByte();
                switch (tag) {
                    case 1 -> texts.put(i, data.readUTF());
                    case 8 -> literals.add(data.readUnsignedShort());
                    case 7, 16, 19, 20 -> data.readUnsignedShort();
                    case 15 -> {
                        data.readUnsignedByte();
                        data.readUnsignedShort();
                    }
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> data.readInt();
                    case 5, 6 -> {
                        data.readLong();
                        i++; // takes two slots
                    }
                    default -> throw new IOException(classFile + ": unknown constant pool tag " + tag);
                }
            }
        }
        List<String> names = new ArrayList<>();
        texts.forEach((index, text) -> {
            if (!literals.contains(index)) {
                Matcher type = TODO_TYPE.matcher(text);
                while (type.find()) {
                    names.add(type.group());
                }
            }
        });
        return names;
    }
}
