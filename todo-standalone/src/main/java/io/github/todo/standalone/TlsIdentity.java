package io.github.todo.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/** A private key and its certificate chain, read and checked to belong together. */
record TlsIdentity(PrivateKey key, X509Certificate[] chain) {

    /** Reads {@code keys}; a file or pair that cannot serve throws {@link TlsException} saying why. */
    static TlsIdentity load(TlsSettings.Keys keys) {
        TlsIdentity identity;
        if (keys instanceof TlsSettings.PemFiles pem) {
            PrivateKey key = PemFiles.privateKey(pem.key());
            identity = new TlsIdentity(key, PemFiles.certificates(pem.certificate()).toArray(X509Certificate[]::new));
        } else if (keys instanceof TlsSettings.KeyStoreFile store) {
            identity = keyStore(store);
        } else {
            throw new IllegalArgumentException("no certificate to load");
        }
        if (!identity.keyMatchesCertificate()) {
            throw new TlsException(keys instanceof TlsSettings.PemFiles pem
                    ? "the key in " + pem.key() + " does not match the certificate in " + pem.certificate()
                    : "the key in " + keys.files().get(0) + " does not match its certificate");
        }
        return identity;
    }

    private static TlsIdentity keyStore(TlsSettings.KeyStoreFile store) {
        char[] password = store.password().toCharArray();
        KeyStore keyStore;
        try (InputStream in = Files.newInputStream(store.file())) {
            keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new TlsException("wrong password for the keystore " + store.file());
            }
            throw new TlsException(Files.isReadable(store.file()) ? store.file() + " is not a PKCS#12 keystore: " + e.getMessage()
                    : "cannot read " + store.file() + (Files.exists(store.file()) ? "" : ": no such file"));
        } catch (GeneralSecurityException e) {
            throw new TlsException(store.file() + " is not a PKCS#12 keystore: " + e.getMessage());
        }
        try {
            for (String alias : Collections.list(keyStore.aliases())) {
                if (keyStore.isKeyEntry(alias)) {
                    Key key = keyStore.getKey(alias, password);
                    Certificate[] chain = keyStore.getCertificateChain(alias);
                    if (key instanceof PrivateKey privateKey && chain != null && chain.length > 0) {
                        return new TlsIdentity(privateKey, Arrays.copyOf(chain, chain.length, X509Certificate[].class));
                    }
                }
            }
        } catch (GeneralSecurityException | ArrayStoreException e) {
            throw new TlsException("cannot read the key in " + store.file() + ": " + e.getMessage());
        }
        throw new TlsException(store.file() + " holds no private key with its certificate");
    }

    /** The server's own certificate. */
    X509Certificate certificate() {
        return chain[0];
    }

    /** One line: whose certificate, by whom, until when. */
    String describe() {
        return certificate().getSubjectX500Principal().getName() + ", valid until " + certificate().getNotAfter().toInstant();
    }

    /** Whether the certificate is outside its validity period now. */
    boolean expired() {
        Date now = new Date();
        return now.after(certificate().getNotAfter()) || now.before(certificate().getNotBefore());
    }

    /**
     * Whether the certificate names {@code host} (a subject alternative name, or the common name
     * when it has none), with one wildcard label allowed; IP addresses match IP entries.
     */
    boolean names(String host) {
        String wanted = host.toLowerCase(Locale.ROOT);
        boolean ip = isAddress(wanted);
        Collection<List<?>> alternatives;
        try {
            alternatives = certificate().getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            alternatives = null;
        }
        if (alternatives == null || alternatives.isEmpty()) {
            String subject = certificate().getSubjectX500Principal().getName();
            for (String part : subject.split(",")) {
                if (part.trim().toUpperCase(Locale.ROOT).startsWith("CN=") && matches(part.trim().substring(3), wanted)) {
                    return true;
                }
            }
            return false;
        }
        for (List<?> name : alternatives) {
            int type = (Integer) name.get(0);
            String value = String.valueOf(name.get(1));
            if ((type == 2 && !ip && matches(value, wanted)) || (type == 7 && ip && sameAddress(value, wanted))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code host} is an IP address (no name lookup). */
    static boolean isAddress(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    private static boolean matches(String pattern, String host) {
        String name = pattern.toLowerCase(Locale.ROOT);
        if (name.startsWith("*.")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot).equals(name.substring(1));
        }
        return name.equals(host);
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b)); // literals only: no lookup
        } catch (IOException e) {
            return false;
        }
    }

    private boolean keyMatchesCertificate() {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "RSASSA-PSS" -> "RSASSA-PSS";
            default -> key.getAlgorithm(); // Ed25519, Ed448
        };
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature sign = Signature.getInstance(algorithm);
            if (algorithm.equals("RSASSA-PSS")) {
                sign.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                        java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
            }
            sign.initSign(key);
            sign.update(probe);
            byte[] signature = sign.sign();
            sign.initVerify(certificate().getPublicKey());
            sign.update(probe);
            return sign.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
