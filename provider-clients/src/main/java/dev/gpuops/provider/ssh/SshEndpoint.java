package dev.gpuops.provider.ssh;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and as whom to connect. The host key is checked against {@code knownHosts} only; there is no accept-all
 * mode. A leading {@code ~} in either path is expanded to the bot's home directory, as in targets files.
 */
public record SshEndpoint(String host, int port, String user, Path privateKey, Path knownHosts) {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:-]{1,253}");
    private static final Pattern USER = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,31}");

    public SshEndpoint {
        if (host == null || !HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("invalid SSH host " + CommandArgs.show(host)
                    + ": expected a host name or IP address");
        }
        CommandArgs.port(port);
        if (user == null || !USER.matcher(user).matches()) {
            throw new IllegalArgumentException("invalid SSH user " + CommandArgs.show(user));
        }
        privateKey = expandHome(Objects.requireNonNull(privateKey, "privateKey"));
        knownHosts = expandHome(Objects.requireNonNull(knownHosts, "knownHosts"));
    }

    public static SshEndpoint of(String host, int port, String user, String privateKey, String knownHosts) {
        if (privateKey == null || privateKey.isBlank()) {
            throw new IllegalArgumentException("SSH endpoint " + user + "@" + host + " needs a private key path");
        }
        if (knownHosts == null || knownHosts.isBlank()) {
            throw new IllegalArgumentException("SSH endpoint " + user + "@" + host + " needs a known_hosts path");
        }
        return new SshEndpoint(host, port, user, Path.of(privateKey), Path.of(knownHosts));
    }

    /** The same credentials at another address (a VM whose IP was resolved by an earlier step). */
    public SshEndpoint withAddress(String newHost, int newPort) {
        return new SshEndpoint(newHost, newPort, user, privateKey, knownHosts);
    }

    /** {@code user@host:port}, for messages. */
    public String display() {
        return user + "@" + host + ":" + port;
    }

    /** How OpenSSH writes this host in known_hosts: {@code host} on port 22, else {@code [host]:port}. */
    public String knownHostsName() {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    static Path expandHome(Path path) {
        String text = path.toString();
        if (text.equals("~")) {
            return Path.of(System.getProperty("user.home"));
        }
        if (text.startsWith("~/")) {
            return Path.of(System.getProperty("user.home"), text.substring(2));
        }
        return path;
    }
}
