package dev.gpuops.provider.ssh;

import dev.gpuops.provider.support.ProviderException;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Set;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one authenticated SSH connection per endpoint and hands out {@link SshSession}s that open a channel per
 * command on it, so fan-out (fifty {@code supervisorctl status} at once) costs one handshake. A connection found dead
 * is replaced on next use. Host keys are checked against the endpoint's known_hosts only.
 */
public final class SshConnector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SshConnector.class);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Duration connectTimeout;
    private final DefaultConfig config = new DefaultConfig();

    {
        config.setLoggerFactory(new PooledTransportLogging());
    }
    private final Map<SshEndpoint, Slot> slots = new ConcurrentHashMap<>();
    private final AtomicLong connectionsOpened = new AtomicLong();
    private final Set<SshEndpoint> acceptNew = ConcurrentHashMap.newKeySet();
    private final Map<SshEndpoint, String> acceptedKeys = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public SshConnector() {
        this(DEFAULT_CONNECT_TIMEOUT);
    }

    public SshConnector(Duration connectTimeout) {
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (connectTimeout.isZero() || connectTimeout.isNegative()) {
            throw new IllegalArgumentException("connect timeout must be positive");
        }
    }

    /**
     * Connects (or reuses the pooled connection) and returns a session for the endpoint. Throws
     * {@link ProviderException}: Transient when unreachable, Auth when the key is refused, Permanent when the host
     * key is unknown or changed.
     */
    public SshSession session(SshEndpoint endpoint) {
        client(endpoint);
        return new PooledSshSession(this, endpoint);
    }

    /**
     * Trust the endpoint's host key on the next connect if known_hosts has no entry for it yet, and pin it there
     * (OpenSSH's accept-new). Meant for a VM this run just launched, whose key nobody could have recorded; a key
     * that differs from a recorded one is still refused.
     */
    public void acceptNewHostKey(SshEndpoint endpoint) {
        acceptNew.add(endpoint);
    }

    /** The fingerprint of a host key accepted on first use for {@code endpoint}, if that happened. */
    public Optional<String> acceptedHostKey(SshEndpoint endpoint) {
        return Optional.ofNullable(acceptedKeys.get(endpoint));
    }

    /** How many connections were established so far (for tests and metrics): fan-out must not raise it. */
    public long connectionsOpened() {
        return connectionsOpened.get();
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    SSHClient client(SshEndpoint endpoint) {
        if (closed) {
            throw new IllegalStateException("SshConnector is closed");
        }
        Slot slot = slots.computeIfAbsent(endpoint, k -> new Slot());
        slot.lock.lock();
        try {
            SSHClient current = slot.client;
            if (current != null && current.isConnected() && current.isAuthenticated()) {
                return current;
            }
            if (current != null) {
                LOG.info("SSH connection to {} is dead; reconnecting", endpoint.display());
                disconnectQuietly(current);
            }
            slot.client = connect(endpoint);
            return slot.client;
        } finally {
            slot.lock.unlock();
        }
    }

    /** Drops {@code dead} from the pool if it is still the pooled connection for the endpoint. */
    void discard(SshEndpoint endpoint, SSHClient dead) {
        Slot slot = slots.get(endpoint);
        if (slot == null) {
            return;
        }
        slot.lock.lock();
        try {
            if (slot.client == dead) {
                slot.client = null;
            }
        } finally {
            slot.lock.unlock();
        }
        disconnectQuietly(dead);
    }

    private SSHClient connect(SshEndpoint ep) {
        requireFile(ep.privateKey().toString(), "private key", "the target's ssh.privateKey");
        requireFile(ep.knownHosts().toString(), "known_hosts file",
                "the target's ssh.knownHosts (gpuops never accepts unknown host keys)");
        SSHClient client = new SSHClient(config);
        KnownHostsVerifier verifier;
        try {
            verifier = new KnownHostsVerifier(ep.knownHosts().toFile(), acceptNew.contains(ep));
        } catch (IOException e) {
            throw new ProviderException.Permanent(SshFailures.PROVIDER, 0, null,
                    "cannot read known_hosts " + ep.knownHosts() + ": " + e.getMessage());
        }
        client.addHostKeyVerifier(verifier);
        client.setConnectTimeout((int) connectTimeout.toMillis());
        client.getTransport().setTimeoutMs((int) Math.max(connectTimeout.toMillis() * 2, 15_000));
        try {
            client.connect(ep.host(), ep.port());
            // sshj leaves Nagle on, which adds ~40 ms to every small exec round trip
            client.getSocket().setTcpNoDelay(true);
            client.authPublickey(ep.user(), client.loadKeys(ep.privateKey().toString()));
            client.getConnection().getKeepAlive().setKeepAliveInterval(15);
            connectionsOpened.incrementAndGet();
            verifier.accepted().ifPresent(fingerprint -> {
                acceptedKeys.put(ep, fingerprint);
                acceptNew.remove(ep);
                LOG.warn("Trusted the first host key of {} ({}) and pinned it in {}", ep.display(), fingerprint,
                        ep.knownHosts());
            });
            LOG.debug("connected to {}", ep.display());
            return client;
        } catch (IOException | RuntimeException e) {
            disconnectQuietly(client);
            throw SshFailures.connect(ep, e, verifier.refusal(), connectTimeout);
        }
    }

    private static void requireFile(String path, String what, String where) {
        if (!Files.isReadable(java.nio.file.Path.of(path))) {
            throw new ProviderException.Permanent(SshFailures.PROVIDER, 0, null,
                    what + " " + path + " does not exist or is not readable: fix " + where);
        }
    }

    static void disconnectQuietly(SSHClient client) {
        try {
            client.disconnect();
        } catch (IOException | RuntimeException e) {
            LOG.debug("ignoring error while disconnecting: {}", e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        slots.values().forEach(slot -> {
            slot.lock.lock();
            try {
                Optional.ofNullable(slot.client).ifPresent(SshConnector::disconnectQuietly);
                slot.client = null;
            } finally {
                slot.lock.unlock();
            }
        });
        slots.clear();
    }

    private static final class Slot {
        private final ReentrantLock lock = new ReentrantLock();
        private SSHClient client;
    }
}
