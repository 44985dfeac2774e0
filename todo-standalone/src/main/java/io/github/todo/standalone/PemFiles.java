package io.github.todo.standalone;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Certificates and private keys in PEM, as certbot and openssl write them: a chain of
 * {@code CERTIFICATE} blocks; a key as {@code PRIVATE KEY} (PKCS#8) or in the traditional forms,
 * {@code RSA PRIVATE KEY} (PKCS#1) and {@code EC PRIVATE KEY} (SEC 1), which are wrapped into
 * PKCS#8 here, the only form the JDK reads. A few lines of DER do that job; a library for it
 * (Bouncy Castle) would add 9 MB to the jar.
 */
final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
            0x01, 0x01, 0x05, 0x00}; // SEQUENCE { rsaEncryption, NULL }
    private static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01}; // id-ecPublicKey

    private PemFiles() {
        // Prevent instantiation
    }

    /** The certificates of {@code file}, the server's own first. */
    static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks(file)) {
                if (block.type().equals("CERTIFICATE")) {
                    chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (CertificateException | IllegalArgumentException e) {
            throw new TlsException(file + " holds a certificate that cannot be read: " + e.getMessage());
        }
        if (chain.isEmpty()) {
            throw new TlsException(file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return chain;
    }

    /** The private key of {@code file}. */
    static PrivateKey privateKey(Path file) {
        for (Block block : blocks(file)) {
            switch (block.type()) {
                case "PRIVATE KEY":
                    return pkcs8(file, block.der(), "RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS");
                case "RSA PRIVATE KEY":
                    return pkcs8(file, wrap(0x30, concat(new byte[] {0x02, 0x01, 0x00}, RSA_ALGORITHM, wrap(0x04, block.der()))), "RSA");
                case "EC PRIVATE KEY":
                    return pkcs8(file, ecToPkcs8(file, block.der()), "EC");
                case "ENCRYPTED PRIVATE KEY":
                    throw new TlsException(file + " holds an encrypted key: decrypt it first (openssl pkey -in KEY -out PLAIN)");
                default:
                    // EC PARAMETERS and the like, which openssl writes beside a key
            }
        }
        throw new TlsException(file + " holds no PEM private key (-----BEGIN PRIVATE KEY-----, RSA or EC PRIVATE KEY)");
    }

    private static PrivateKey pkcs8(Path file, byte[] der, String... algorithms) {
        for (String algorithm : algorithms) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // another algorithm, or not a key at all
            }
        }
        throw new TlsException(file + " holds a private key that cannot be read (not RSA or EC, or damaged)");
    }

    /** SEC 1's {@code SEQUENCE { 1, key, [0] curve, [1] public }} as PKCS#8, with the curve it names. */
    private static byte[] ecToPkcs8(Path file, byte[] sec1) {
        byte[] curve = null;
        int at = headerLength(sec1, 0); // inside the outer SEQUENCE
        while (at < sec1.length) {
            int length = contentLength(sec1, at);
            int header = headerLength(sec1, at);
            if ((sec1[at] & 0xff) == 0xa0) {
                curve = Arrays.copyOfRange(sec1, at + header, at + header + length);
            }
            at += header + length;
        }
        if (curve == null) {
            throw new TlsException(file + " holds an EC key without its curve: write it with openssl pkey, as PKCS#8");
        }
        return wrap(0x30, concat(new byte[] {0x02, 0x01, 0x00}, wrap(0x30, concat(EC_PUBLIC_KEY, curve)), wrap(0x04, sec1)));
    }

    private static int headerLength(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        return first < 0x80 ? 2 : 2 + (first & 0x7f);
    }

    private static int contentLength(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = (length << 8) | (der[at + 2 + i] & 0xff);
        }
        return length;
    }

    private static byte[] wrap(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length < 0x100 ? 1 : length < 0x10000 ? 2 : 3;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private record Block(String type, byte[] der) {
    }

    private static List<Block> blocks(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new TlsException("cannot read " + file + (Files.exists(file) ? "" : ": no such file"));
        }
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            String body = matcher.group(2);
            if (body.contains("Proc-Type:") && body.contains("ENCRYPTED")) {
                throw new TlsException(file + " holds an encrypted key: decrypt it first (openssl pkey -in KEY -out PLAIN)");
            }
            try {
                blocks.add(new Block(matcher.group(1), Base64.getMimeDecoder().decode(body.trim())));
            } catch (IllegalArgumentException e) {
                throw new TlsException(file + " holds a damaged PEM block (" + matcher.group(1) + ")");
            }
        }
        return blocks;
    }
}
