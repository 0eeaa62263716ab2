package dev.gpuops.sandbox.ssh;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code temporal task-queue describe} (Temporal CLI 1.x) as the worker host sees its Temporal server: a supervisor
 * program named {@code worker-…} that is RUNNING polls {@code …@gpu} when its name says gpu, else {@code …@cpu} (the
 * queues {@link AppLogs} has it print). The {@code pollers-missing} fault leaves the workers RUNNING and polling
 * nothing (their logs still say they started). Table output by default, {@code --output json} the server's DescribeTaskQueueResponse.
 */
final class TemporalCli {

    private static final String USAGE = "Usage:\n  temporal task-queue describe [flags]\n\nFlags:\n"
            + "  -t, --task-queue string   Task Queue name. Required.\n"
            + "  -n, --namespace string    Temporal Service Namespace. (default \"default\")\n"
            + "  -o, --output string       Non-logging data output format. Accepted values: text, json.\n";

    private final SimulatedSupervisor supervisor;
    private final Set<Fault> faults;
    private final java.time.Clock clock;

    TemporalCli(SimulatedSupervisor supervisor, Set<Fault> faults, java.time.Clock clock) {
        this.supervisor = supervisor;
        this.faults = faults;
        this.clock = clock;
    }

    ShellResult run(List<String> args) {
        if (args.size() < 2 || !args.get(0).equals("task-queue") || !args.get(1).equals("describe")) {
            return ShellResult.fail(1, "Error: unknown command \"" + String.join(" ", args)
                    + "\" for \"temporal\"\nRun 'temporal --help' for usage.\n");
        }
        String queue = null;
        boolean json = false;
        for (int i = 2; i < args.size(); i++) {
            String flag = args.get(i);
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            switch (flag) {
                case "-t", "--task-queue" -> queue = value;
                case "-o", "--output" -> json = "json".equals(value);
                case "-n", "--namespace", "--address", "--task-queue-type" -> { }
                default -> {
                    return ShellResult.fail(1, "Error: unknown flag: " + flag + "\n" + USAGE);
                }
            }
            i++;
        }
        if (queue == null || queue.isBlank()) {
            return ShellResult.fail(1, "Error: required flag(s) \"task-queue\" not set\n" + USAGE);
        }
        List<String> pollers = pollers(queue);
        return ShellResult.ok(json ? json(pollers) : table(pollers));
    }

    private List<String> pollers(String queue) {
        List<String> identities = new ArrayList<>();
        if (faults.contains(Fault.POLLERS_MISSING)) {
            return identities;
        }
        boolean gpu = queue.endsWith("@gpu");
        for (Map.Entry<String, Integer> program : supervisor.runningPids().entrySet()) {
            String name = program.getKey();
            if (name.contains("worker") && name.contains("gpu") == gpu) {
                identities.add(program.getValue() + "@gpu-sandbox@");
            }
        }
        return identities;
    }

    private static String table(List<String> pollers) {
        StringBuilder out = new StringBuilder("Task Queue Statistics:\n"
                + "    BuildID    TaskQueueType  ApproxBacklogCount  ApproxBacklogAge  BacklogIncreaseRate"
                + "  TasksAddRate  TasksDispatchRate\n"
                + "  UNVERSIONED  workflow                        0  0s                                  0"
                + "             0                  0\n"
                + "  UNVERSIONED  activity                        0  0s                                  0"
                + "             0                  0\n"
                + "Pollers:\n"
                + "    BuildID    TaskQueueType       Identity        LastAccessTime  RatePerSecond\n");
        for (String identity : pollers) {
            for (String type : List.of("workflow", "activity")) {
                out.append(String.format("  UNVERSIONED  %-13s  %-18s  2 seconds ago          100000%n", type,
                        identity));
            }
        }
        return out.toString();
    }

    private String json(List<String> pollers) {
        String at = DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock).minusSeconds(2));
        List<String> items = new ArrayList<>();
        for (String identity : pollers) {
            items.add("{\"lastAccessTime\":\"" + at + "\",\"identity\":\"" + identity
                    + "\",\"ratePerSecond\":100000}");
        }
        return "{\"pollers\":[" + String.join(",", items) + "]}\n";
    }
}
