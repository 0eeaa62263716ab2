package dev.gpuops.sandbox.ssh;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntSupplier;

/**
 * supervisord plus supervisorctl 4.2, answering with the exact lines and exit codes of {@code supervisorctl.py}
 * (status layout, "ERROR (…)" wording, LSB exit codes, connection errors). Programs run with
 * {@code redirect_stderr=true}, so their one log holds the traceback when they crash.
 */
final class SimulatedSupervisor {

    /** One {@code [program:x]} section. */
    record ProgramConfig(String name, boolean autostart, String logFile) {
    }

    private enum State { STOPPED, STARTING, RUNNING, BACKOFF, STOPPING, EXITED, FATAL }

    private static final class Program {
        final ProgramConfig config;
        State state = State.STOPPED;
        int pid;
        Instant started;
        Instant stopped;

        Program(ProgramConfig config) {
            this.config = config;
        }
    }

    private static final DateTimeFormatter STOP_TIME = DateTimeFormatter.ofPattern("MMM dd hh:mm a", Locale.US)
            .withZone(ZoneOffset.UTC);

    private final String socketUrl;
    private final Map<String, Program> programs = new TreeMap<>();
    private final Clock clock;
    private final VirtualFiles files;
    private final Set<Fault> faults;
    private final IntSupplier pids;

    SimulatedSupervisor(String socketUrl, List<ProgramConfig> configs, Clock clock, VirtualFiles files,
                        Set<Fault> faults, IntSupplier pids) {
        this.socketUrl = socketUrl;
        this.clock = clock;
        this.files = files;
        this.faults = faults;
        this.pids = pids;
        configs.forEach(c -> programs.put(c.name(), new Program(c)));
    }

    synchronized void boot() {
        programs.values().stream().filter(p -> p.config.autostart()).forEach(this::spawn);
    }

    boolean down() {
        return faults.contains(Fault.SUPERVISOR_DOWN);
    }

    synchronized Optional<String> state(String name) {
        return Optional.ofNullable(programs.get(name)).map(p -> p.state.name());
    }

    synchronized OptionalInt pid(String name) {
        Program p = programs.get(name);
        return p == null || p.state != State.RUNNING ? OptionalInt.empty() : OptionalInt.of(p.pid);
    }

    synchronized boolean running(String name) {
        return !down() && state(name).map("RUNNING"::equals).orElse(false);
    }

    /** Programs RUNNING now, by name, with their pids (what a Temporal server sees polling). */
    synchronized Map<String, Integer> runningPids() {
        Map<String, Integer> out = new TreeMap<>();
        if (!down()) {
            programs.values().stream().filter(p -> p.state == State.RUNNING).forEach(p -> out.put(p.config.name(),
                    p.pid));
        }
        return out;
    }

    /** app-crash: every running program dies with a traceback and gives up (FATAL after its start retries). */
    synchronized void crashRunning() {
        programs.values().stream().filter(p -> p.state == State.RUNNING).forEach(this::crash);
    }

    /** What a runtime restart script does: bring supervisord up if needed, then restart the autostart programs. */
    synchronized ShellResult restartRuntime() {
        StringBuilder out = new StringBuilder("Restarting runtime...\n");
        if (down()) {
            faults.remove(Fault.SUPERVISOR_DOWN);
            out.append("supervisord not running; starting it\n");
        }
        int[] exit = {0};
        List<Program> auto = programs.values().stream().filter(p -> p.config.autostart()).toList();
        auto.stream().filter(this::isRunning).forEach(p -> out.append(stop(p)).append('\n'));
        auto.forEach(p -> out.append(start(p, exit)).append('\n'));
        return new ShellResult(exit[0] == 0 ? 0 : 1, out.toString(), "");
    }

    /** {@code supervisorctl [options] action [args]}. */
    synchronized ShellResult command(List<String> args) {
        String url = socketUrl;
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            String option = args.get(i);
            if (option.equals("-s") || option.equals("--serverurl")) {
                url = i + 1 < args.size() ? args.get(i + 1) : "";
                i += 2;
            } else if (option.startsWith("--serverurl=")) {
                url = option.substring("--serverurl=".length());
                i++;
            } else {
                i += option.equals("-c") || option.equals("-u") || option.equals("-p") ? 2 : 1;
            }
        }
        String action = i < args.size() ? args.get(i) : "status";
        List<String> rest = i < args.size() ? args.subList(i + 1, args.size()) : List.of();
        if (!url.equals(socketUrl) || down()) {
            return unreachable(url, action);
        }
        return switch (action) {
            case "status" -> status(rest);
            case "start", "stop", "restart" -> control(action, rest);
            case "tail" -> tail(rest);
            case "pid" -> ShellResult.ok(rest.stream().map(n -> String.valueOf(pid(n).orElse(0)))
                    .reduce("", (a, b) -> a + b + "\n"));
            default -> new ShellResult(0, "*** Unknown syntax: " + String.join(" ", args.subList(i, args.size()))
                    + "\n", "");
        };
    }

    private ShellResult unreachable(String url, String action) {
        if (url.startsWith("unix://")) {
            // ENOENT is NOT_RUNNING (7); do_status overrides any failed upcheck to 4
            return new ShellResult(action.equals("status") ? 4 : 7, url + " no such file\n", "");
        }
        return new ShellResult(4, url + " refused connection\n", "");
    }

    private ShellResult status(List<String> names) {
        StringBuilder out = new StringBuilder();
        int exit = 0;
        List<Program> matching = new ArrayList<>();
        if (names.isEmpty() || names.contains("all")) {
            matching.addAll(programs.values());
        } else {
            for (String name : names) {
                Program p = programs.get(name);
                if (p == null) {
                    out.append(name).append(": ERROR (no such process)\n");
                    exit = 4;
                } else {
                    matching.add(p);
                }
            }
        }
        int width = Math.max(30, matching.stream().mapToInt(p -> p.config.name().length()).max().orElse(0)) + 3;
        for (Program p : matching) {
            out.append(String.format("%-" + width + "s%-10s%s%n", p.config.name(), p.state, description(p)));
            if (p.state == State.STOPPED || p.state == State.EXITED || p.state == State.FATAL) {
                exit = 3;
            }
        }
        return new ShellResult(exit, out.toString(), "");
    }

    private ShellResult control(String action, List<String> names) {
        if (names.isEmpty()) {
            return new ShellResult(action.equals("start") ? 2 : 1, "Error: " + action + " requires a process name\n", "");
        }
        StringBuilder out = new StringBuilder();
        int[] exit = {0};
        if (!action.equals("start")) {
            forEachTarget(names, exit, out, p -> isRunning(p) ? stop(p) : null, "not running");
        }
        if (!action.equals("stop")) {
            forEachTarget(names, exit, out, p -> isRunning(p) ? null : start(p, exit), "already started");
        }
        return new ShellResult(exit[0], out.toString(), "");
    }

    private void forEachTarget(List<String> names, int[] exit, StringBuilder out,
                               java.util.function.Function<Program, String> act, String idleError) {
        if (names.contains("all")) {
            // startAllProcesses / stopAllProcesses only touch the programs that need it
            programs.values().forEach(p -> Optional.ofNullable(act.apply(p)).ifPresent(l -> out.append(l).append('\n')));
            return;
        }
        for (String name : names) {
            Program p = programs.get(name);
            if (p == null) {
                out.append(name).append(": ERROR (no such process)\n");
                exit[0] = 1;
                continue;
            }
            String line = act.apply(p);
            out.append(line == null ? name + ": ERROR (" + idleError + ")" : line).append('\n');
        }
    }

    private ShellResult tail(List<String> args) {
        List<String> plain = args.stream().filter(a -> !a.startsWith("-")).toList();
        Optional<String> modifier = args.stream().filter(a -> a.startsWith("-")).findFirst();
        if (plain.isEmpty()) {
            return new ShellResult(2, "Error: tail requires process name\n", "");
        }
        if (plain.size() > 2) {
            return new ShellResult(2, "Error: too many arguments\n", "");
        }
        int bytes = 1600;
        if (modifier.isPresent() && !modifier.get().equals("-f")) {
            try {
                bytes = Integer.parseInt(modifier.get().substring(1));
            } catch (NumberFormatException e) {
                return new ShellResult(1, "Error: bad argument " + modifier.get() + "\n", "");
            }
        }
        String name = plain.get(0);
        Program p = programs.get(name);
        if (p == null) {
            return new ShellResult(1, name + ": ERROR (no such process name)\n", "");
        }
        if (plain.size() == 2 && plain.get(1).equals("stderr")) {
            return new ShellResult(1, name + ": ERROR (no log file)\n", "");
        }
        byte[] log = files.file(p.config.logFile()).map(VirtualFiles.Entry::content).orElse(new byte[0]);
        int from = Math.max(0, log.length - bytes);
        String text = new String(log, from, log.length - from, StandardCharsets.UTF_8);
        String header = modifier.filter("-f"::equals).map(f -> "==> Press Ctrl-C to exit <==\n").orElse("");
        return ShellResult.ok(header + text + "\n");
    }

    private String start(Program p, int[] exit) {
        if (faults.contains(Fault.APP_CRASH)) {
            crash(p);
            exit[0] = 7;
            return p.config.name() + ": ERROR (spawn error)";
        }
        spawn(p);
        return p.config.name() + ": started";
    }

    private String stop(Program p) {
        p.state = State.STOPPED;
        p.stopped = clock.instant();
        p.pid = 0;
        return p.config.name() + ": stopped";
    }

    private void spawn(Program p) {
        p.state = State.RUNNING;
        p.pid = pids.getAsInt();
        p.started = clock.instant();
        files.append(p.config.logFile(), AppLogs.programStarted(p.config.name(), p.pid), "root");
    }

    private void crash(Program p) {
        p.state = State.FATAL;
        p.pid = 0;
        p.stopped = clock.instant();
        files.append(p.config.logFile(), AppLogs.appCrash(), "root");
    }

    private boolean isRunning(Program p) {
        return p.state == State.RUNNING || p.state == State.STARTING || p.state == State.BACKOFF;
    }

    private String description(Program p) {
        return switch (p.state) {
            case RUNNING -> "pid " + p.pid + ", uptime " + uptime(Duration.between(p.started, clock.instant()));
            case FATAL, BACKOFF -> "Exited too quickly (process log may have details)";
            default -> p.stopped == null ? "Not started" : STOP_TIME.format(p.stopped);
        };
    }

    /** Python's str(timedelta): "0:05:02", "1 day, 2:03:04". */
    static String uptime(Duration d) {
        long seconds = Math.max(0, d.toSeconds());
        long days = seconds / 86_400;
        long rest = seconds % 86_400;
        String clock = String.format("%d:%02d:%02d", rest / 3600, rest % 3600 / 60, rest % 60);
        return days == 0 ? clock : days + (days == 1 ? " day, " : " days, ") + clock;
    }
}
