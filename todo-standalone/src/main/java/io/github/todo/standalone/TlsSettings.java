package io.github.todo.standalone;

import io.github.todo.settings.Options;
import io.github.todo.settings.Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * HTTPS for the standalone server; immutable. {@link #OFF} serves plain HTTP/1.1, as before.
 *
 * @param keys     where the certificate chain and its key come from; {@link Keys#NONE} for plain HTTP
 * @param httpPort a plain-HTTP port that only redirects to HTTPS, or 0 for none
 * @param hsts     whether HTTPS answers carry {@code Strict-Transport-Security} (a year)
 */
public record TlsSettings(Keys keys, int httpPort, boolean hsts) {

    /** Plain HTTP. */
    public static final TlsSettings OFF = new TlsSettings(Keys.NONE, 0, false);

    /** Checks every value; a mistake throws {@link IllegalArgumentException} naming the setting. */
    public TlsSettings {
        Objects.requireNonNull(keys, "keys");
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("httpPort must be between 0 and 65535");
        }
        if (keys instanceof None && (httpPort != 0 || hsts)) {
            throw new IllegalArgumentException(Options.HTTP_PORT + " and " + Options.HSTS + " need HTTPS: give "
                    + Options.TLS_CERT + " and " + Options.TLS_KEY + ", or " + Options.TLS_KEYSTORE);
        }
    }

    /** HTTPS with {@code keys}, no redirect port, no HSTS. */
    public static TlsSettings with(Keys keys) {
        return new TlsSettings(keys, 0, false);
    }

    /** Whether the server speaks HTTPS. */
    public boolean enabled() {
        return !(keys instanceof None); // any None, not only Keys.NONE: the record's constructor is public
    }

    /** The certificate and key: PEM files, a PKCS#12 keystore, or none. */
    public sealed interface Keys permits None, PemFiles, KeyStoreFile {

        /** No certificate: plain HTTP. */
        Keys NONE = new None();

        /** The files to watch for a renewed certificate. */
        List<Path> files();
    }

    /** No certificate: plain HTTP; {@link Keys#NONE} is the one to use. */
    public record None() implements Keys {
        @Override
        public List<Path> files() {
            return List.of();
        }
    }

    /** A PEM certificate chain (the server's first) and its private key, as certbot and openssl write them. */
    public record PemFiles(Path certificate, Path key) implements Keys {
        public PemFiles {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(key, "key");
        }

        @Override
        public List<Path> files() {
            return List.of(certificate, key);
        }
    }

    /** A PKCS#12 keystore holding one private key and its chain. */
    public record KeyStoreFile(Path file, String password) implements Keys {
        public KeyStoreFile {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public List<Path> files() {
            return List.of(file);
        }

        @Override
        public String toString() {
            return "KeyStoreFile[file=" + file + "]"; // never the password
        }
    }

    /** From the settings model: {@code --tls-cert} and {@code --tls-key}, or {@code --tls-keystore}. */
    static TlsSettings from(Settings settings) {
        Path cert = settings.get(Options.TLS_CERT);
        Path key = settings.get(Options.TLS_KEY);
        Path keystore = settings.get(Options.TLS_KEYSTORE);
        String password = settings.secret(Options.TLS_KEYSTORE_PASSWORD, Options.TLS_KEYSTORE_PASSWORD_FILE);
        Keys keys;
        if (keystore != null) {
            if (cert != null || key != null) {
                throw new IllegalArgumentException(Options.TLS_KEYSTORE + " or " + Options.TLS_CERT + " with " + Options.TLS_KEY
                        + ": give one, not both");
            }
            if (password == null) {
                throw new IllegalArgumentException(Options.TLS_KEYSTORE + " needs its password: " + Options.TLS_KEYSTORE_PASSWORD_FILE
                        + " or TODO_TLS_KEYSTORE_PASSWORD");
            }
            keys = new KeyStoreFile(keystore, password);
        } else if (cert != null || key != null) {
            if (cert == null || key == null) {
                throw new IllegalArgumentException(Options.TLS_CERT + " and " + Options.TLS_KEY + " go together: give both");
            }
            keys = new PemFiles(cert, key);
        } else {
            if (password != null) {
                throw new IllegalArgumentException("a keystore password without " + Options.TLS_KEYSTORE);
            }
            keys = Keys.NONE;
        }
        Integer httpPort = settings.get(Options.HTTP_PORT);
        return new TlsSettings(keys, httpPort == null ? 0 : httpPort, settings.get(Options.HSTS));
    }
}
