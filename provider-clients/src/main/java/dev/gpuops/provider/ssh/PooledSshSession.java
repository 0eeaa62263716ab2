package dev.gpuops.provider.ssh;

import dev.gpuops.provider.support.ProviderException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.SSHException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;
import net.schmizz.sshj.transport.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One exec channel per call on the connector's pooled connection. */
final class PooledSshSession implements SshSession {

    private static final Logger LOG = LoggerFactory.getLogger(PooledSshSession.class);

    private final SshConnector connector;
    private final SshEndpoint endpoint;

    PooledSshSession(SshConnector connector, SshEndpoint endpoint) {
        this.connector = connector;
        this.endpoint = endpoint;
    }

    @Override
    public SshEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public ExecResult exec(String command, ExecOptions options) {
        long started = System.nanoTime();
        SSHClient client = connector.client(endpoint);
        Session channel = openChannel(client);
        boolean abandoned = false;
        try {
            LOG.debug("exec on {}: {}", endpoint.display(), command);
            Session.Command running = channel.exec(command);
            return collect(running, command, options, started);
        } catch (SSHException e) {
            if (!client.isConnected()) {
                connector.discard(endpoint, client);
            }
            throw SshFailures.channel(endpoint, e);
        } catch (TimedOut timedOut) {
            abandoned = true;
            abandon(timedOut.running);
            throw SshFailures.timeout(endpoint, command, options.timeout());
        } finally {
            if (!abandoned) {
                closeQuietly(channel);
            }
        }
    }

    private Session openChannel(SSHClient client) {
        try {
            return client.startSession();
        } catch (SSHException e) {
            // A TransportException here means the connection itself is gone, even while sshj's reader thread has
            // not yet marked it disconnected (isConnected() still true for a moment after the host dropped it).
            if (client.isConnected() && !(e instanceof TransportException)) {
                throw SshFailures.channel(endpoint, e);
            }
            // The pooled connection died between uses; nothing was sent yet, so a fresh connection is safe.
            LOG.info("SSH connection to {} is dead; reconnecting", endpoint.display());
            connector.discard(endpoint, client);
            try {
                return connector.client(endpoint).startSession();
            } catch (SSHException again) {
                throw SshFailures.channel(endpoint, again);
            }
        }
    }

    private ExecResult collect(Session.Command running, String command, ExecOptions options, long started)
            throws SSHException, TimedOut {
        long deadline = started + options.timeout().toNanos();
        CappedReader out = CappedReader.start(running.getInputStream(), options.maxOutputBytes());
        CappedReader err = CappedReader.start(running.getErrorStream(), options.maxOutputBytes());
        writeStdin(running.getOutputStream(), options.stdin());
        try {
            if (!out.await(deadline) || !err.await(deadline)) {
                throw new TimedOut(running);
            }
            long leftMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            running.join(leftMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            throw SshFailures.interrupted(endpoint, e);
        } catch (SSHException e) {
            if (System.nanoTime() - deadline >= 0) {
                throw new TimedOut(running);
            }
            throw e;
        }
        Integer status = running.getExitStatus();
        return new ExecResult(status == null ? -1 : status, out.text(), err.text(), out.truncated(),
                err.truncated(), Duration.ofNanos(System.nanoTime() - started), command);
    }

    /**
     * Asks sshd to TERM the command, then closes the channel in the background: sshd only confirms the close once
     * the process has exited, and the caller must not wait for that.
     */
    private void abandon(Session.Command running) {
        try {
            running.signal(Signal.TERM);
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not signal timed-out command on {}: {}", endpoint.display(), e.toString());
        }
        Thread.ofVirtual().name("ssh-abandon").start(() -> closeQuietly(running));
    }

    /** Internal signal that the deadline passed; carries the command to abandon. */
    private static final class TimedOut extends Exception {
        private final transient Session.Command running;

        TimedOut(Session.Command running) {
            super(null, null, false, false);
            this.running = running;
        }
    }

    private void writeStdin(OutputStream stdin, byte[] bytes) {
        try (stdin) {
            if (bytes != null && bytes.length > 0) {
                stdin.write(bytes);
                stdin.flush();
            }
        } catch (IOException e) {
            // the command exited without reading its input; its exit status tells the story
            LOG.debug("stdin not fully delivered to {}: {}", endpoint.display(), e.toString());
        }
    }

    private static void closeQuietly(net.schmizz.sshj.connection.channel.Channel channel) {
        try {
            channel.close();
        } catch (IOException | RuntimeException e) {
            LOG.trace("ignoring channel close error: {}", e.toString());
        }
    }

    /** Drains one stream on a virtual thread, keeping at most {@code cap} bytes. */
    private static final class CappedReader {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final int cap;
        private volatile boolean truncated;
        private Thread thread;

        private CappedReader(int cap) {
            this.cap = cap;
        }

        static CappedReader start(InputStream in, int cap) {
            CappedReader reader = new CappedReader(cap);
            reader.thread = Thread.ofVirtual().name("ssh-output").start(() -> reader.drain(in));
            return reader;
        }

        private void drain(InputStream in) {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    int room = cap - kept.size();
                    if (n > room) {
                        truncated = true;
                    }
                    if (room > 0) {
                        synchronized (kept) {
                            kept.write(buffer, 0, Math.min(n, room));
                        }
                    }
                }
            } catch (IOException e) {
                LOG.trace("output stream ended: {}", e.toString());
            }
        }

        boolean await(long deadlineNanos) throws InterruptedException {
            long left = deadlineNanos - System.nanoTime();
            return left > 0 && thread.join(Duration.ofNanos(left)) || !thread.isAlive();
        }

        boolean truncated() {
            return truncated;
        }

        String text() {
            synchronized (kept) {
                return kept.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
