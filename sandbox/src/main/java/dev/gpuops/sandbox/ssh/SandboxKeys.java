package dev.gpuops.sandbox.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/**
 * Key material for talking to a {@link SandboxSshHost}: ECDSA P-256, which the JDK handles without extra providers
 * and every SSH client (OpenSSH, sshj) reads from the OpenSSH key format written here.
 */
public final class SandboxKeys {

    /** A client key pair on disk: {@code privateKey} (0600, OpenSSH format) and its {@code .pub}. */
    public record ClientKeyPair(Path privateKey, Path publicKeyFile, PublicKey publicKey) {

        /** The {@code authorized_keys} / {@code .pub} line. */
        public String authorizedKeyLine() {
            return PublicKeyEntry.toString(publicKey) + " gpuops-sandbox";
        }
    }

    private SandboxKeys() {
    }

    /** Writes {@code dir/id_ecdsa} and {@code dir/id_ecdsa.pub}. */
    public static ClientKeyPair generate(Path dir) {
        try {
            Files.createDirectories(dir);
            KeyPair pair = newKeyPair();
            Path key = dir.resolve("id_ecdsa");
            Files.deleteIfExists(key);
            Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(key)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "gpuops-sandbox", null, out);
            }
            ClientKeyPair result = new ClientKeyPair(key, dir.resolve("id_ecdsa.pub"), pair.getPublic());
            Files.writeString(result.publicKeyFile(), result.authorizedKeyLine() + "\n");
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sandbox client key to " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an ECDSA key pair", e);
        }
    }

    static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** Reads an OpenSSH public key line ({@code ecdsa-sha2-nistp256 AAAA… comment}). */
    public static PublicKey readPublicKey(Path publicKeyFile) {
        try {
            String line = Files.readString(publicKeyFile).trim();
            return PublicKeyEntry.parsePublicKeyEntry(line).resolvePublicKey(null, null, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + publicKeyFile, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an OpenSSH public key: " + publicKeyFile, e);
        }
    }
}
