package dev.gpuops.provider.ssh;

import java.util.regex.Pattern;

/**
 * Validators for values that end up on a remote command line. Everything is also quoted with {@link ShellQuote};
 * validating first means a typo or an injection attempt fails early with a message naming the field, instead of
 * reaching a host as a strange argument.
 */
public final class CommandArgs {

    /** supervisor program, {@code group:name}, {@code group:*} or {@code all}. */
    private static final Pattern PROGRAM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}(:([A-Za-z0-9_.-]{1,128}|\\*))?");
    /** Docker's own rule for container names. */
    private static final Pattern CONTAINER = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");
    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final Pattern IMAGE = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?/)?" + COMPONENT + "(?:/" + COMPONENT + ")*"
                    + "(?::[A-Za-z0-9_][A-Za-z0-9._-]{0,127})?(?:@sha256:[a-f0-9]{64})?");
    private static final Pattern REGISTRY = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?");
    private static final Pattern REGISTRY_USER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,254}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern UNIX_SOCKET = Pattern.compile("unix://(/[A-Za-z0-9_.@+-]+)+");
    private static final Pattern HTTP_SOCKET = Pattern.compile("https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?/?");
    private static final Pattern EXECUTABLE = Pattern.compile("[A-Za-z0-9_./][A-Za-z0-9_./@+-]{0,255}");
    private static final Pattern SECRET_PART = Pattern.compile(
            "TOKEN|PASSWORD|PASSWD|SECRET|KEY|APIKEY|CREDENTIALS?|PAT");

    public static final int MAX_TAIL_BYTES = 1024 * 1024;
    public static final int MAX_TAIL_LINES = 100_000;

    private CommandArgs() {
    }

    public static String program(String value) {
        return require("supervisor program", value, PROGRAM,
                "letters, digits, '_', '.', '-' (optionally group:name or group:*), or 'all'");
    }

    public static String containerName(String value) {
        return require("container name", value, CONTAINER, "letters, digits, '_', '.', '-', starting with a letter or digit");
    }

    public static String imageReference(String value) {
        return require("image reference", value, IMAGE, "[registry/]lowercase/path[:tag][@sha256:digest]");
    }

    public static String registryHost(String value) {
        return require("registry host", value, REGISTRY, "a host name with an optional :port, e.g. ghcr.io");
    }

    public static String registryUser(String value) {
        return require("registry user name", value, REGISTRY_USER, "letters, digits, '.', '_', '@', '+', '-'");
    }

    public static String envName(String value) {
        return require("environment variable name", value, ENV_NAME, "letters, digits and '_', not starting with a digit");
    }

    /** {@code unix:///abs/path.sock} or {@code http(s)://host[:port]}. */
    public static String socketUrl(String value) {
        if (value != null && (UNIX_SOCKET.matcher(value).matches() || HTTP_SOCKET.matcher(value).matches())) {
            return value;
        }
        throw invalid("supervisor socket URL", value, "unix:///absolute/path.sock or http://host:port");
    }

    /** A program path or name to execute (no spaces or shell syntax); arguments are quoted separately. */
    public static String executable(String value) {
        return require("command", value, EXECUTABLE,
                "a program name or absolute/relative path (letters, digits, '_', '.', '/', '-'; no ~); pass arguments"
                        + " separately");
    }

    public static int tailBytes(int bytes) {
        if (bytes < 1 || bytes > MAX_TAIL_BYTES) {
            throw new IllegalArgumentException("tail bytes must be between 1 and " + MAX_TAIL_BYTES + ", not " + bytes);
        }
        return bytes;
    }

    public static int tailLines(int lines) {
        if (lines < 1 || lines > MAX_TAIL_LINES) {
            throw new IllegalArgumentException("tail lines must be between 1 and " + MAX_TAIL_LINES + ", not " + lines);
        }
        return lines;
    }

    public static int port(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, not " + port);
        }
        return port;
    }

    /**
     * Whether an environment variable name looks like it holds a secret ({@code HF_TOKEN}, {@code AWS_SECRET_ACCESS_KEY}).
     * Such values must travel through stdin, never through {@code -e NAME=value} on a command line.
     */
    public static boolean looksSecret(String envName) {
        for (String part : envName.toUpperCase(java.util.Locale.ROOT).split("_")) {
            if (SECRET_PART.matcher(part).matches()) {
                return true;
            }
        }
        return false;
    }

    private static String require(String what, String value, Pattern pattern, String expected) {
        if (value != null && pattern.matcher(value).matches()) {
            return value;
        }
        throw invalid(what, value, expected);
    }

    private static IllegalArgumentException invalid(String what, String value, String expected) {
        return new IllegalArgumentException("invalid " + what + " " + show(value) + ": expected " + expected);
    }

    /** Shows a rejected value escaped and shortened, so control characters cannot garble the message. */
    static String show(String value) {
        if (value == null) {
            return "(missing)";
        }
        StringBuilder out = new StringBuilder("'");
        value.codePoints().limit(80).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append(value.length() > 80 ? "…'" : "'").toString();
    }
}
