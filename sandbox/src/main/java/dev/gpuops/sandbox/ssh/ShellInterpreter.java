package dev.gpuops.sandbox.ssh;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Runs a command line the way bash -c would, against the simulated host. */
final class ShellInterpreter {

    private final HostEnvironment host;
    private final CoreUtils core;
    private final SystemTools system;
    private final TemporalCli temporal;

    ShellInterpreter(HostEnvironment host) {
        this.host = host;
        this.core = new CoreUtils(host.files());
        this.system = new SystemTools(host);
        this.temporal = new TemporalCli(host.supervisor(), host.faults(), host.clock());
    }

    ShellResult run(String line, ShellContext ctx, Supplier<byte[]> stdin) {
        List<ShellSyntax.Item> items;
        try {
            items = ShellSyntax.parse(line, ctx.vars());
        } catch (ShellSyntax.SyntaxError e) {
            return ShellResult.fail(2, "bash: -c: line 1: " + e.getMessage() + "\n");
        }
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        int last = 0;
        String previous = null;
        for (ShellSyntax.Item item : items) {
            boolean skip = ("&&".equals(previous) && last != 0) || ("||".equals(previous) && last == 0);
            previous = item.next();
            if (skip) {
                continue;
            }
            ShellResult r = pipeline(item.pipeline(), ctx, stdin);
            out.append(r.stdout());
            err.append(r.stderr());
            last = r.exit();
            if (ctx.exited) {
                break;
            }
        }
        return new ShellResult(last, out.toString(), err.toString());
    }

    private ShellResult pipeline(List<ShellSyntax.Simple> commands, ShellContext ctx, Supplier<byte[]> stdin) {
        Supplier<byte[]> input = stdin;
        StringBuilder err = new StringBuilder();
        ShellResult r = ShellResult.ok();
        for (ShellSyntax.Simple command : commands) {
            r = new Redirections(host.files(), ctx).apply(command, input, in -> dispatch(command.words(), ctx, in));
            err.append(r.stderr());
            byte[] piped = r.stdout().getBytes(StandardCharsets.UTF_8);
            input = () -> piped;
        }
        return new ShellResult(r.exit(), r.stdout(), err.toString());
    }

    private ShellResult dispatch(List<String> words, ShellContext ctx, Supplier<byte[]> stdin) {
        String name = words.get(0);
        List<String> args = words.subList(1, words.size());
        return switch (name) {
            case "sudo" -> sudo(args, ctx, stdin);
            case "sh", "bash", "/bin/sh", "/bin/bash", "/usr/bin/bash" -> subshell(name, args, ctx, stdin);
            case "supervisorctl", "/usr/bin/supervisorctl", "/usr/local/bin/supervisorctl" ->
                    host.supervisor().command(args);
            case "docker", "/usr/bin/docker" -> docker(args, ctx, stdin);
            case "temporal", "/usr/local/bin/temporal" -> temporal.run(args);
            case "exit" -> {
                ctx.exited = true;
                yield new ShellResult(args.isEmpty() ? 0 : parseInt(args.get(0), 2), "", "");
            }
            case "umask" -> umask(args, ctx);
            case "cd" -> core.cd(args, ctx);
            default -> other(words, ctx, stdin);
        };
    }

    private ShellResult other(List<String> words, ShellContext ctx, Supplier<byte[]> stdin) {
        Optional<ShellResult> tool = core.run(words, ctx, stdin).or(() -> system.run(words, ctx));
        if (tool.isPresent()) {
            return tool.get();
        }
        String resolved = words.get(0).contains("/") ? ctx.resolve(words.get(0)) : words.get(0);
        String invocation = resolved + (words.size() > 1 ? " " + String.join(" ", words.subList(1, words.size())) : "");
        if (host.restartCommand() != null && invocation.equals(host.restartCommand())) {
            return host.supervisor().restartRuntime();
        }
        if (host.restartCommand() != null && invocation.startsWith(host.restartCommand() + RuntimeImage.TAG_FLAG)) {
            String error = host.runtimeImage().switchTo(invocation.substring(host.restartCommand().length()
                    + RuntimeImage.TAG_FLAG.length()).strip());
            return error == null ? host.supervisor().restartRuntime() : ShellResult.fail(1, error);
        }
        if (host.statusCommand() != null && invocation.equals(host.statusCommand())) {
            ShellResult status = host.supervisor().command(List.of("status"));
            return new ShellResult(status.exit(), status.stdout() + host.runtimeImage().statusLine(),
                    status.stderr());
        }
        if (words.get(0).contains("/")) {
            return host.files().exists(resolved)
                    ? ShellResult.fail(126, "bash: line 1: " + words.get(0) + ": Permission denied\n")
                    : ShellResult.fail(127, "bash: line 1: " + words.get(0) + ": No such file or directory\n");
        }
        return ShellResult.fail(127, "bash: line 1: " + words.get(0) + ": command not found\n");
    }

    private ShellResult sudo(List<String> args, ShellContext ctx, Supplier<byte[]> stdin) {
        int i = 0;
        boolean nonInteractive = false;
        while (i < args.size() && args.get(i).startsWith("-")) {
            String flag = args.get(i);
            nonInteractive |= flag.equals("-n");
            i += flag.equals("-u") ? 2 : 1;
        }
        if (i >= args.size()) {
            return ShellResult.fail(1, "usage: sudo -h | -K | -k | -V\n");
        }
        if (!ctx.user.equals("root") && !host.passwordlessSudo()) {
            return ShellResult.fail(1, nonInteractive ? "sudo: a password is required\n"
                    : "sudo: a terminal is required to read the password; either use the -S option to read from"
                    + " standard input or configure an askpass helper\nsudo: a password is required\n");
        }
        return dispatch(args.subList(i, args.size()), ctx.child("root"), stdin);
    }

    private ShellResult subshell(String shell, List<String> args, ShellContext ctx, Supplier<byte[]> stdin) {
        if (args.size() >= 2 && args.get(0).equals("-c")) {
            return run(args.get(1), ctx.child(ctx.user), stdin);
        }
        if (args.isEmpty()) {
            return run(new String(stdin.get(), StandardCharsets.UTF_8), ctx.child(ctx.user), () -> new byte[0]);
        }
        return ShellResult.fail(127, shell + ": 0: cannot open " + args.get(0) + ": No such file\n");
    }

    private ShellResult docker(List<String> args, ShellContext ctx, Supplier<byte[]> stdin) {
        if (!ctx.user.equals("root") && !host.dockerGroup()) {
            return ShellResult.fail(1, "permission denied while trying to connect to the Docker daemon socket at"
                    + " unix:///var/run/docker.sock: Head \"http://%2Fvar%2Frun%2Fdocker.sock/_ping\": dial unix"
                    + " /var/run/docker.sock: connect: permission denied\n");
        }
        return host.docker().command(args, ctx.user, stdin);
    }

    private static ShellResult umask(List<String> args, ShellContext ctx) {
        if (args.isEmpty()) {
            return ShellResult.ok(String.format("%04o%n", ctx.umask));
        }
        ctx.umask = parseInt(args.get(0), 8);
        return ShellResult.ok();
    }

    private static int parseInt(String text, int radix) {
        try {
            return Integer.parseInt(text, radix);
        } catch (NumberFormatException e) {
            return radix == 8 ? 022 : 2;
        }
    }
}
