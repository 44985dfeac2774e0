package io.github.todo.http.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * Files from the class path with their media type, an ETag and, for text, a gzip copy. A file is
 * read on first use and kept: they are few, and apart from Swagger UI's bundle, small.
 */
final class StaticFiles {

    /** A file ready to send; {@code gzip} is {@code null} when compressing does not pay. */
    record Asset(byte[] body, byte[] gzip, String mediaType, String etag) {
    }

    // One plain name: no slash, no leading dot, so no name can reach outside its folder.
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Map<String, String> MEDIA_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "json", "application/json",
            "png", "image/png",
            "svg", "image/svg+xml");

    private final ClassLoader loader = StaticFiles.class.getClassLoader();
    private final Map<String, Asset> loaded = new ConcurrentHashMap<>();

    /**
     * The file {@code name} in the class-path folder {@code folder} (ending in {@code /}), or
     * {@code null} when there is none, or the name is not a plain file name of a known type.
     */
    Asset find(String folder, String name) {
        String mediaType = mediaType(name);
        if (mediaType == null) {
            return null;
        }
        Asset asset = loaded.get(folder + name);
        if (asset != null) {
            return asset;
        }
        byte[] body = read(folder + name);
        if (body == null) {
            return null; // not cached: a stream of made-up names must not fill memory
        }
        return loaded.computeIfAbsent(folder + name, key -> asset(body, mediaType));
    }

    /** Whether {@link #find} would answer from memory, without reading the class path. */
    boolean isLoaded(String folder, String name) {
        return loaded.containsKey(folder + name);
    }

    /** The text of a class-path resource, or {@code null}. */
    String text(String resource) {
        byte[] bytes = read(resource);
        return bytes == null ? null : new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    static Asset asset(byte[] body, String mediaType) {
        return new Asset(body, compressible(mediaType) ? gzip(body) : null, mediaType, etag(body));
    }

    static String mediaType(String name) {
        if (!NAME.matcher(name).matches()) {
            return null;
        }
        return MEDIA_TYPES.get(name.substring(name.lastIndexOf('.') + 1));
    }

    private byte[] read(String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static boolean compressible(String mediaType) {
        return mediaType.startsWith("text/") || mediaType.startsWith("application/json") || mediaType.startsWith("image/svg");
    }

    private static byte[] gzip(byte[] body) {
        if (body.length < 1024) {
            return null; // the headers would cost more than the bytes saved
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toByteArray();
    }

    /** Weak, because the gzip copy is the same representation in another coding and shares it. */
    private static String etag(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return "W/\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }
}
