package dev.gpuops.sandbox.ssh;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/** What {@code docker logs}, {@code inspect}, {@code ps} and {@code pull} print. */
final class DockerOutput {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private final Clock clock;

    DockerOutput(Clock clock) {
        this.clock = clock;
    }

    ShellResult logs(List<String> args, Map<String, SimulatedContainer> containers) {
        Integer tail = null;
        String name = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--tail") || arg.equals("-n")) {
                tail = parseTail(i + 1 < args.size() ? args.get(++i) : "all");
            } else if (arg.startsWith("--tail=")) {
                tail = parseTail(arg.substring(7));
            } else if (!arg.startsWith("-")) {
                name = arg;
            }
        }
        SimulatedContainer c = name == null ? null : containers.get(name);
        if (c == null) {
            return ShellResult.fail(1, "Error response from daemon: No such container: " + name + "\n");
        }
        List<String> lines = c.logLines;
        List<String> shown = tail == null || tail >= lines.size() ? lines : lines.subList(lines.size() - tail, lines.size());
        // uvicorn and Python tracebacks write to stderr, which docker logs keeps as stderr
        return new ShellResult(0, "", shown.isEmpty() ? "" : String.join("\n", shown) + "\n");
    }

    ShellResult inspect(List<String> args, Map<String, SimulatedContainer> containers) {
        String format = null;
        boolean typed = false;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--format", "-f" -> format = i + 1 < args.size() ? args.get(++i) : "";
                case "--type" -> typed = i + 1 < args.size() && args.get(++i).equals("container");
                default -> names.add(arg);
            }
        }
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            SimulatedContainer c = containers.get(name);
            if (c == null) {
                return new ShellResult(1, out.toString(), "Error: No such " + (typed ? "container" : "object") + ": "
                        + name + "\n");
            }
            out.append(format == null ? JSON.writeValueAsString(List.of(full(c))) : render(format, c)).append('\n');
        }
        return ShellResult.ok(out.toString());
    }

    ShellResult ps(List<String> args, Map<String, SimulatedContainer> containers) {
        boolean all = args.contains("-a") || args.contains("--all");
        Optional<String> nameFilter = args.stream().filter(a -> a.startsWith("name=")).map(a -> a.substring(5)).findFirst();
        int formatAt = args.indexOf("--format");
        String format = formatAt >= 0 && formatAt + 1 < args.size() ? args.get(formatAt + 1) : null;
        StringBuilder out = new StringBuilder(format == null ? String.format("%-15s%-45s%-22s%-32s%s%n",
                "CONTAINER ID", "IMAGE", "CREATED", "STATUS", "NAMES") : "");
        containers.values().stream()
                .filter(c -> all || c.state.equals("running") || c.state.equals("restarting"))
                .filter(c -> nameFilter.map(f -> c.name.matches(".*" + f.replace("^", "").replace("$", "") + ".*"))
                        .orElse(true))
                .forEach(c -> out.append(format == null ? String.format("%-15s%-45s%-22s%-32s%s%n", c.id.substring(0, 12),
                        c.image, ago(c.createdAt) + " ago", status(c), c.name) : render(format, c) + "\n"));
        return ShellResult.ok(out.toString());
    }

    String pullProgress(String ref, boolean complete) {
        StringBuilder out = new StringBuilder(ImageRef.tag(ref) + ": Pulling from " + ImageRef.path(ref) + "\n");
        for (int layer = 0; layer < 3; layer++) {
            out.append(hex(ref + layer, 12)).append(complete ? ": Pull complete\n" : ": Pulling fs layer\n");
        }
        return out.toString();
    }

    private String render(String format, SimulatedContainer c) {
        String state = JSON.writeValueAsString(state(c));
        return format.replace("{{json .State}}", state)
                .replace("{{.State.Status}}", c.state)
                .replace("{{.State.ExitCode}}", String.valueOf(c.exitCode))
                .replace("{{.State.Running}}", String.valueOf(isRunning(c)))
                .replace("{{.RestartCount}}", String.valueOf(c.restartCount))
                .replace("{{.Name}}", "/" + c.name)
                .replace("{{.Names}}", c.name)
                .replace("{{.ID}}", c.id.substring(0, 12))
                .replace("{{.Image}}", c.image)
                .replace("{{.Config.Image}}", c.image)
                .replace("{{.Status}}", status(c));
    }

    private Map<String, Object> state(SimulatedContainer c) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("Status", c.state);
        s.put("Running", isRunning(c));
        s.put("Paused", false);
        s.put("Restarting", c.state.equals("restarting"));
        s.put("OOMKilled", false);
        s.put("Dead", false);
        s.put("Pid", c.state.equals("running") ? c.pid : 0);
        s.put("ExitCode", c.exitCode);
        s.put("Error", "");
        s.put("StartedAt", c.startedAt == null ? ZERO_TIME : c.startedAt.toString());
        s.put("FinishedAt", c.finishedAt == null ? ZERO_TIME : c.finishedAt.toString());
        return s;
    }

    private Map<String, Object> full(SimulatedContainer c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Id", c.id);
        out.put("Created", c.createdAt.toString());
        out.put("State", state(c));
        out.put("Image", "sha256:" + hex(c.image, 64));
        out.put("Name", "/" + c.name);
        out.put("RestartCount", c.restartCount);
        out.put("HostConfig", Map.of("RestartPolicy", Map.of("Name", c.restart), "PortBindings", c.ports));
        out.put("Config", Map.of("Image", c.image));
        return out;
    }

    /** Docker reports a crash-looping container as Running while it restarts. */
    private static boolean isRunning(SimulatedContainer c) {
        return c.state.equals("running") || c.state.equals("restarting");
    }

    private String status(SimulatedContainer c) {
        return switch (c.state) {
            case "running" -> "Up " + ago(c.startedAt);
            case "restarting" -> "Restarting (" + c.exitCode + ") " + ago(c.finishedAt) + " ago";
            case "exited" -> "Exited (" + c.exitCode + ") " + ago(c.finishedAt) + " ago";
            default -> "Created";
        };
    }

    /** docker's units.HumanDuration. */
    private String ago(Instant since) {
        long s = Math.max(0, Duration.between(since, clock.instant()).toSeconds());
        if (s < 1) {
            return "Less than a second";
        }
        if (s < 60) {
            return s == 1 ? "1 second" : s + " seconds";
        }
        long m = s / 60;
        if (m < 60) {
            return m == 1 ? "About a minute" : m + " minutes";
        }
        long h = m / 60;
        return h == 1 ? "About an hour" : h + " hours";
    }

    private static Integer parseTail(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String hex(String seed, int length) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
