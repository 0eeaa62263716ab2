package dev.gpuops.sandbox.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/** One exec request: runs the line through the host's shell and reports the exit status. */
final class HostCommand implements Command {

    private final SandboxSshHost host;
    private final String line;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private Thread worker;

    HostCommand(SandboxSshHost host, String line) {
        this.host = host;
        this.line = line;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        String user = channel.getSession().getUsername();
        worker = Thread.ofVirtual().name("sandbox-exec").start(() -> {
            ShellResult result = host.execute(line, user, stdin());
            try {
                out.write(result.stdout().getBytes(StandardCharsets.UTF_8));
                out.flush();
                err.write(result.stderr().getBytes(StandardCharsets.UTF_8));
                err.flush();
            } catch (IOException e) {
                // the client went away; nothing left to tell it
            }
            exit.onExit(result.exit());
        });
    }

    /** Reads stdin only when a command wants it: a client that never sends EOF must not hang other commands. */
    private Supplier<byte[]> stdin() {
        return new Supplier<>() {
            private byte[] bytes;

            @Override
            public synchronized byte[] get() {
                if (bytes == null) {
                    try {
                        bytes = in.readAllBytes();
                    } catch (IOException e) {
                        bytes = new byte[0];
                    }
                }
                return bytes;
            }
        };
    }

    @Override
    public void destroy(ChannelSession channel) {
        if (worker != null) {
            worker.interrupt();
        }
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }
}
