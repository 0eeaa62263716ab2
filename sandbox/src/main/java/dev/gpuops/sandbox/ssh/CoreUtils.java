package dev.gpuops.sandbox.ssh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** coreutils the runbooks touch, with GNU coreutils' error wording. */
final class CoreUtils {

    private final VirtualFiles files;

    CoreUtils(VirtualFiles files) {
        this.files = files;
    }

    Optional<ShellResult> run(List<String> words, ShellContext ctx, Supplier<byte[]> stdin) {
        List<String> args = words.subList(1, words.size());
        return Optional.ofNullable(switch (words.get(0)) {
            case "true", ":" -> ShellResult.ok();
            case "false" -> new ShellResult(1, "", "");
            case "echo" -> echo(args);
            case "pwd" -> ShellResult.ok(ctx.cwd + "\n");
            case "cat" -> cat(args, ctx, stdin);
            case "tail" -> tail(args, ctx, stdin);
            case "test" -> test(args, ctx);
            case "[" -> !args.isEmpty() && args.get(args.size() - 1).equals("]")
                    ? test(args.subList(0, args.size() - 1), ctx) : ShellResult.fail(2, "bash: [: missing `]'\n");
            case "ls" -> ls(args, ctx);
            case "mkdir" -> mkdir(args, ctx);
            case "chmod" -> chmod(args, ctx);
            case "rm" -> rm(args, ctx);
            default -> null;
        });
    }

    ShellResult cd(List<String> args, ShellContext ctx) {
        String target = args.isEmpty() ? DockerLogin.home(ctx.user) : ctx.resolve(args.get(0));
        if (!files.isDir(target)) {
            return ShellResult.fail(1, "bash: line 1: cd: " + args.get(0) + ": No such file or directory\n");
        }
        ctx.cwd = target;
        return ShellResult.ok();
    }

    private static ShellResult echo(List<String> args) {
        boolean newline = args.isEmpty() || !args.get(0).equals("-n");
        List<String> words = newline ? args : args.subList(1, args.size());
        return ShellResult.ok(String.join(" ", words) + (newline ? "\n" : ""));
    }

    private ShellResult cat(List<String> args, ShellContext ctx, Supplier<byte[]> stdin) {
        if (args.isEmpty() || args.equals(List.of("-"))) {
            return ShellResult.ok(new String(stdin.get(), StandardCharsets.UTF_8));
        }
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (String name : args) {
            read(name, ctx).ifPresentOrElse(out::append, () -> err.append("cat: ").append(name).append(": ")
                    .append(problem(name, ctx)).append('\n'));
        }
        return new ShellResult(err.isEmpty() ? 0 : 1, out.toString(), err.toString());
    }

    /** {@code tail [-c N | -n N | -N] [file]}. */
    private record TailArgs(Integer bytes, int lines, String file) {

        static TailArgs parse(List<String> args) {
            Integer bytes = null;
            int lines = 10;
            String file = null;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals("-c") || arg.equals("-n")) {
                    int value = Integer.parseInt(i + 1 < args.size() ? args.get(++i).replace("+", "") : "10");
                    bytes = arg.equals("-c") ? Integer.valueOf(value) : bytes;
                    lines = arg.equals("-n") ? value : lines;
                } else if (arg.matches("-c\\d+")) {
                    bytes = Integer.parseInt(arg.substring(2));
                } else if (arg.matches("-n?\\d+")) {
                    lines = Integer.parseInt(arg.replaceAll("\\D", ""));
                } else {
                    file = arg;
                }
            }
            return new TailArgs(bytes, lines, file);
        }
    }

    private ShellResult tail(List<String> argv, ShellContext ctx, Supplier<byte[]> stdin) {
        TailArgs args = TailArgs.parse(argv);
        Optional<String> content = args.file() == null
                ? Optional.of(new String(stdin.get(), StandardCharsets.UTF_8)) : read(args.file(), ctx);
        if (content.isEmpty()) {
            return ShellResult.fail(1, "tail: cannot open '" + args.file() + "' for reading: "
                    + problem(args.file(), ctx) + "\n");
        }
        if (args.bytes() != null) {
            byte[] raw = content.get().getBytes(StandardCharsets.UTF_8);
            int from = Math.max(0, raw.length - args.bytes());
            return ShellResult.ok(new String(raw, from, raw.length - from, StandardCharsets.UTF_8));
        }
        List<String> all = content.get().lines().toList();
        List<String> shown = all.subList(Math.max(0, all.size() - args.lines()), all.size());
        return ShellResult.ok(shown.isEmpty() ? "" : String.join("\n", shown) + "\n");
    }

    private ShellResult test(List<String> args, ShellContext ctx) {
        boolean negate = !args.isEmpty() && args.get(0).equals("!");
        List<String> rest = negate ? args.subList(1, args.size()) : args;
        boolean result;
        if (rest.size() == 2 && rest.get(0).startsWith("-")) {
            String path = ctx.resolve(rest.get(1));
            boolean visible = VirtualFiles.allowed(ctx.user, path);
            result = visible && switch (rest.get(0)) {
                case "-f" -> files.file(path).isPresent();
                case "-d" -> files.isDir(path);
                case "-s" -> files.file(path).map(f -> f.content().length > 0).orElse(false);
                case "-x" -> files.file(path).map(f -> (f.mode() & 0111) != 0).orElse(files.isDir(path));
                default -> files.exists(path);
            };
        } else {
            result = rest.size() == 1 && !rest.get(0).isEmpty();
        }
        return new ShellResult(result != negate ? 0 : 1, "", "");
    }

    private ShellResult ls(List<String> args, ShellContext ctx) {
        List<String> paths = args.stream().filter(a -> !a.startsWith("-")).toList();
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (String name : paths.isEmpty() ? List.of(".") : paths) {
            String path = ctx.resolve(name);
            if (!VirtualFiles.allowed(ctx.user, path) && files.exists(path)) {
                err.append("ls: cannot open directory '").append(name).append("': Permission denied\n");
            } else if (files.isDir(path)) {
                files.list(path).forEach(n -> out.append(n).append('\n'));
            } else if (files.exists(path)) {
                out.append(name).append('\n');
            } else {
                err.append("ls: cannot access '").append(name).append("': No such file or directory\n");
            }
        }
        return new ShellResult(err.isEmpty() ? 0 : 2, out.toString(), err.toString());
    }

    private ShellResult mkdir(List<String> args, ShellContext ctx) {
        boolean parents = args.contains("-p");
        List<String> dirs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("-m")) {
                i++;
            } else if (!args.get(i).startsWith("-")) {
                dirs.add(args.get(i));
            }
        }
        for (String name : dirs) {
            String path = ctx.resolve(name);
            String parent = path.substring(0, Math.max(1, path.lastIndexOf('/')));
            String error = !VirtualFiles.allowed(ctx.user, path) ? "Permission denied"
                    : files.exists(path) && !parents ? "File exists"
                    : !files.isDir(parent) && !parents ? "No such file or directory" : null;
            if (error != null) {
                return ShellResult.fail(1, "mkdir: cannot create directory '" + name + "': " + error + "\n");
            }
            files.mkdirs(path);
        }
        return ShellResult.ok();
    }

    private ShellResult chmod(List<String> args, ShellContext ctx) {
        if (args.size() < 2 || !args.get(0).matches("[0-7]{3,4}")) {
            return ShellResult.fail(1, "chmod: the sandbox only understands octal modes\n");
        }
        int mode = Integer.parseInt(args.get(0), 8);
        for (String name : args.subList(1, args.size())) {
            String path = ctx.resolve(name);
            if (!VirtualFiles.allowed(ctx.user, path)) {
                return ShellResult.fail(1, "chmod: changing permissions of '" + name + "': Operation not permitted\n");
            }
            if (!files.chmod(path, mode)) {
                return ShellResult.fail(1, "chmod: cannot access '" + name + "': No such file or directory\n");
            }
        }
        return ShellResult.ok();
    }

    private ShellResult rm(List<String> args, ShellContext ctx) {
        boolean force = args.stream().anyMatch(a -> a.startsWith("-") && a.contains("f"));
        for (String name : args.stream().filter(a -> !a.startsWith("-")).toList()) {
            String path = ctx.resolve(name);
            if (!VirtualFiles.allowed(ctx.user, path)) {
                return ShellResult.fail(1, "rm: cannot remove '" + name + "': Permission denied\n");
            }
            if (!files.remove(path) && !force) {
                return ShellResult.fail(1, "rm: cannot remove '" + name + "': No such file or directory\n");
            }
        }
        return ShellResult.ok();
    }

    private Optional<String> read(String name, ShellContext ctx) {
        String path = ctx.resolve(name);
        if (!VirtualFiles.allowed(ctx.user, path)) {
            return Optional.empty();
        }
        return files.file(path).map(f -> new String(f.content(), StandardCharsets.UTF_8));
    }

    private String problem(String name, ShellContext ctx) {
        String path = ctx.resolve(name);
        if (!VirtualFiles.allowed(ctx.user, path)) {
            return "Permission denied";
        }
        return files.isDir(path) ? "Is a directory" : "No such file or directory";
    }
}
