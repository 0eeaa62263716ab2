package dev.gpuops.provider.ssh;

import java.io.File;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Optional;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * OpenSSH known_hosts checking that remembers why a key was refused, so the error can tell a changed key (recreated
 * VM or man in the middle) from a host nobody has vouched for yet. An unlisted key is accepted only in
 * {@code acceptNew} mode (OpenSSH's {@code StrictHostKeyChecking=accept-new}, for a VM this run just launched): the key
 * is then appended to known_hosts and pinned from then on. A changed key is always refused.
 */
final class KnownHostsVerifier extends OpenSSHKnownHosts {

    /** What the host offered and why it was refused. */
    record Refusal(String hostname, String keyType, String fingerprint, boolean changed) {
    }

    private final boolean acceptNew;
    private volatile Refusal refusal;
    private volatile String accepted;

    KnownHostsVerifier(File knownHosts) throws IOException {
        this(knownHosts, false);
    }

    KnownHostsVerifier(File knownHosts, boolean acceptNew) throws IOException {
        super(knownHosts);
        this.acceptNew = acceptNew;
    }

    /** The fingerprint of a first-seen key that was accepted and written to known_hosts, if any. */
    Optional<String> accepted() {
        return Optional.ofNullable(accepted);
    }

    Optional<Refusal> refusal() {
        return Optional.ofNullable(refusal);
    }

    @Override
    protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
        if (acceptNew) {
            try {
                HostEntry entry = new HostEntry(null, hostname, KeyType.fromKey(key), key);
                write(entry);
                entries().add(entry);
                accepted = fingerprint(key);
                return true;
            } catch (IOException e) {
                // fall through to a refusal: an unrecorded key must not be trusted
            }
        }
        refusal = new Refusal(hostname, KeyType.fromKey(key).toString(), fingerprint(key), false);
        return false;
    }

    @Override
    protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
        refusal = new Refusal(hostname, KeyType.fromKey(key).toString(), fingerprint(key), true);
        return false;
    }

    /** The SHA256 fingerprint as {@code ssh-keygen -lf} prints it. */
    static String fingerprint(PublicKey key) {
        byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
