package io.github.todo.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate HTTPS serves, renewable without a restart. The listener's {@link SSLContext}
 * hands each new connection to the context made for the identity loaded last, so new handshakes
 * get the renewed certificate, and sessions of the old one are not resumed with it (each context
 * keeps its own session cache and ticket keys), while connections already open keep theirs. A
 * renewal is noticed by watching the files (every two seconds, by modification time and size,
 * following certbot's symbolic links) or asked for ({@link #reload()}, on SIGHUP). A new pair
 * that cannot serve is refused and logged; the old one keeps serving.
 */
final class ServerCertificate implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerCertificate.class);
    private static final long WATCH_MILLIS = 2000;

    private final TlsSettings.Keys keys;
    private final SwappableContext.Spi contexts;
    private final SSLContext context;
    private final ScheduledExecutorService watch;
    private volatile TlsIdentity identity;
    private List<String> stamps;

    ServerCertificate(TlsSettings.Keys keys) {
        this.keys = keys;
        this.identity = TlsIdentity.load(keys);
        this.stamps = stamps();
        this.contexts = new SwappableContext.Spi(contextFor(identity));
        this.context = new SwappableContext(contexts);
        watch = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "todo-tls-watch");
            thread.setDaemon(true);
            return thread;
        });
        watch.scheduleWithFixedDelay(this::reloadIfChanged, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The listener's context: always the one of the identity loaded last. */
    SSLContext context() {
        return context;
    }

    TlsIdentity identity() {
        return identity;
    }

    /** Loads the files again; true when the new identity serves new connections from now on. */
    synchronized boolean reload() {
        stamps = stamps();
        TlsIdentity fresh;
        try {
            fresh = TlsIdentity.load(keys);
        } catch (TlsException e) {
            LOG.warn("TLS: the renewed certificate is refused, the old one keeps serving: {}", e.getMessage());
            return false;
        }
        contexts.swap(contextFor(fresh));
        identity = fresh;
        LOG.info("TLS: serving the renewed certificate, {}", fresh.describe());
        if (fresh.expired()) {
            LOG.warn("TLS: the renewed certificate is not valid now: {}", fresh.describe());
        }
        return true;
    }

    private synchronized void reloadIfChanged() {
        try {
            if (!stamps().equals(stamps)) {
                reload();
            }
        } catch (RuntimeException e) {
            LOG.warn("TLS: checking the certificate files failed: {}", e.toString());
        }
    }

    /** What changes when a file is replaced: its modification time and size, through links. */
    private List<String> stamps() {
        List<String> stamps = new ArrayList<>();
        for (Path file : keys.files()) {
            try {
                stamps.add(Files.getLastModifiedTime(file) + "/" + Files.size(file));
            } catch (IOException e) {
                stamps.add("missing"); // mid-renewal; looked at again on the next tick
            }
        }
        return stamps;
    }

    private static SSLContext contextFor(TlsIdentity identity) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] none = new char[0];
            store.setKeyEntry("server", identity.key(), none, identity.chain());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, none);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsException("the JDK cannot serve this certificate: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        watch.shutdownNow();
    }
}
