package dev.gpuops.sandbox.ssh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The options of {@code docker run} the sandbox understands, parsed like the docker CLI does. */
record RunRequest(String name, boolean detach, String restart, String gpus, List<String> ports,
                  Map<String, String> env, List<String> envFiles, String image) {

    static final class BadFlag extends Exception {
        BadFlag(String message) {
            super(message, null, false, false);
        }
    }

    static RunRequest parse(List<String> args) throws BadFlag {
        String name = null;
        boolean detach = false;
        String restart = "no";
        String gpus = null;
        List<String> ports = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        List<String> envFiles = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-")) {
                return new RunRequest(name, detach, restart, gpus, ports, env, envFiles, arg);
            }
            String flag = arg.contains("=") && arg.startsWith("--") ? arg.substring(0, arg.indexOf('=')) : arg;
            boolean inline = !flag.equals(arg);
            String value = inline ? arg.substring(arg.indexOf('=') + 1) : null;
            switch (flag) {
                case "-d", "--detach" -> detach = true;
                case "--rm", "-i", "-t", "-it", "--init" -> { }
                case "--name", "--restart", "--gpus", "-p", "--publish", "-e", "--env", "--env-file" -> {
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw new BadFlag("flag needs an argument: " + flag);
                        }
                        value = args.get(++i);
                    }
                    switch (flag) {
                        case "--name" -> name = value;
                        case "--restart" -> restart = value;
                        case "--gpus" -> gpus = value;
                        case "-p", "--publish" -> ports.add(value);
                        case "--env-file" -> envFiles.add(value);
                        default -> putEnv(env, value);
                    }
                }
                default -> throw new BadFlag("unknown flag: " + flag);
            }
        }
        throw new BadFlag("\"docker run\" requires at least 1 argument");
    }

    static void putEnv(Map<String, String> env, String assignment) {
        int eq = assignment.indexOf('=');
        if (eq > 0) {
            env.put(assignment.substring(0, eq), assignment.substring(eq + 1));
        }
    }

    /** Container ports published on the host ({@code 8000:8000} → 8000). */
    List<Integer> hostPorts() {
        return ports.stream().map(p -> p.contains(":") ? p.substring(0, p.indexOf(':')) : p)
                .map(p -> p.replaceAll("[^0-9]", "")).filter(p -> !p.isEmpty()).map(Integer::valueOf).toList();
    }
}
