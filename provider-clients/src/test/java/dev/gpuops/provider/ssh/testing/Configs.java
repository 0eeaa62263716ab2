package dev.gpuops.provider.ssh.testing;

import java.nio.file.Path;
import java.util.List;

/** sshd_config and supervisord.conf for the test host. */
final class Configs {

    private Configs() {
    }

    static String sshd(Path dir, int port) {
        return String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("ssh_host_ed25519_key"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PidFile " + dir.resolve("sshd.pid"),
                "UsePAM no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PubkeyAuthentication yes",
                "PermitRootLogin prohibit-password",
                "StrictModes no",
                "UseDNS no",
                "PrintMotd no",
                "X11Forwarding no",
                // fan-out opens dozens of channels and connections at once
                "MaxStartups 100:30:200",
                "MaxSessions 64",
                "LogLevel INFO",
                // a test may put commands the machine lacks (a fake nvidia-smi) in dir/bin
                // (PYENV_REHASH_TIMEOUT: a root .bashrc that runs `pyenv init` rehashes on every ssh command and
                // waits 60 s for a lock left by a killed session; 0 makes it give up at once)
                "SetEnv PATH=" + dir.resolve("bin") + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
                        + " PYENV_REHASH_TIMEOUT=0",
                "");
    }

    static String supervisord(Path dir, List<String> autostart, String manual, String banner) {
        StringBuilder conf = new StringBuilder()
                .append("[unix_http_server]\nfile=").append(dir.resolve("supervisor.sock")).append("\nchmod=0700\n\n")
                .append("[supervisord]\nnodaemon=true\nlogfile=").append(dir.resolve("supervisord.log"))
                .append("\npidfile=").append(dir.resolve("supervisord.pid"))
                .append("\nchildlogdir=").append(dir).append("\n\n")
                .append("[rpcinterface:supervisor]\n")
                .append("supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n\n")
                .append("[supervisorctl]\nserverurl=unix://").append(dir.resolve("supervisor.sock")).append("\n\n");
        for (String program : autostart) {
            // supervisord hands programs root's PATH, so everything is absolute
            String command = program.equals("fastapi")
                    ? "/bin/sh -c \"echo '" + banner + "'; exec /bin/sleep 1000000\""
                    : "/bin/sleep 1000000";
            conf.append(program(dir, program, command, true));
        }
        conf.append(program(dir, manual, "/bin/sleep 1000000", false));
        return conf.toString();
    }

    private static String program(Path dir, String name, String command, boolean autostart) {
        return "[program:" + name + "]\ncommand=" + command + "\nautostart=" + autostart
                + "\nautorestart=false\nstartsecs=0\nstopwaitsecs=2\nstopasgroup=true\nkillasgroup=true"
                + "\nstdout_logfile=" + dir.resolve(name + ".out.log")
                + "\nstderr_logfile=" + dir.resolve(name + ".err.log") + "\n\n";
    }
}
