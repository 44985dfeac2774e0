package io.github.todo.standalone;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate HTTPS serves, renewable without a restart: new handshakes get the identity loaded
 * last, while connections already open keep theirs. A renewal is noticed by watching the files
 * (every two seconds, by modification time and size, following certbot's symbolic links) or asked
 * for ({@link #reload()}, on SIGHUP). A new pair that cannot serve is refused and logged; the old
 * one keeps serving.
 */
final class ServerCertificate extends X509ExtendedKeyManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerCertificate.class);
    private static final long WATCH_MILLIS = 2000;

    /** One loaded identity; the alias names its generation, so a handshake never mixes two. */
    private record Generation(String alias, TlsIdentity identity) {
    }

    private final TlsSettings.Keys keys;
    private final SSLContext context;
    private final ScheduledExecutorService watch;
    private volatile Generation current;
    private volatile Generation previous;
    private int generations;
    private List<String> stamps;

    ServerCertificate(TlsSettings.Keys keys) {
        this.keys = keys;
        this.current = new Generation("todo-0", TlsIdentity.load(keys));
        this.previous = current;
        this.stamps = stamps();
        try {
            context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {this}, null, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS: " + e, e);
        }
        watch = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "todo-tls-watch");
            thread.setDaemon(true);
            return thread;
        });
        watch.scheduleWithFixedDelay(this::reloadIfChanged, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
    }

    SSLContext context() {
        return context;
    }

    TlsIdentity identity() {
        return current.identity();
    }

    /** Loads the files again; true when the new identity serves from now on. */
    synchronized boolean reload() {
        stamps = stamps();
        TlsIdentity fresh;
        try {
            fresh = TlsIdentity.load(keys);
        } catch (TlsException e) {
            LOG.warn("TLS: the renewed certificate is refused, the old one keeps serving: {}", e.getMessage());
            return false;
        }
        previous = current;
        current = new Generation("todo-" + ++generations, fresh);
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

    @Override
    public void close() {
        watch.shutdownNow();
    }

    // The key manager: only the server's side is used.

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return chooseServerAlias(keyType, issuers, null);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        Generation now = current;
        return now.identity().key().getAlgorithm().equals(keyType) ? now.alias() : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String alias = chooseServerAlias(keyType, issuers, null);
        return alias == null ? null : new String[] {alias};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Generation generation = named(alias);
        return generation == null ? null : Arrays.copyOf(generation.identity().chain(), generation.identity().chain().length);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Generation generation = named(alias);
        return generation == null ? null : generation.identity().key();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    private Generation named(String alias) {
        Generation now = current;
        if (now.alias().equals(alias)) {
            return now;
        }
        Generation before = previous; // a handshake that chose its alias just before a renewal
        return before.alias().equals(alias) ? before : null;
    }
}
