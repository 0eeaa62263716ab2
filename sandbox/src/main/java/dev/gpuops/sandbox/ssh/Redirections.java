package dev.gpuops.sandbox.ssh;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** Applies one simple command's redirections: targets are opened (and truncated) before it runs, as in bash. */
final class Redirections {

    private final VirtualFiles files;
    private final ShellContext ctx;

    Redirections(VirtualFiles files, ShellContext ctx) {
        this.files = files;
        this.ctx = ctx;
    }

    ShellResult apply(ShellSyntax.Simple command, Supplier<byte[]> input,
                      Function<Supplier<byte[]>, ShellResult> run) {
        Supplier<byte[]> in = input;
        for (ShellSyntax.Redirect r : command.redirects()) {
            Optional<String> problem = r.op().equals("<") ? readable(r.target()) : r.op().equals(">&")
                    ? Optional.empty() : open(r);
            if (problem.isPresent()) {
                return ShellResult.fail(1, "bash: line 1: " + r.target() + ": " + problem.get() + "\n");
            }
            if (r.op().equals("<")) {
                byte[] content = files.file(ctx.resolve(r.target())).orElseThrow().content();
                in = () -> content;
            }
        }
        return route(command, run.apply(in));
    }

    /** Sends each stream where the redirections say, in order. */
    private ShellResult route(ShellSyntax.Simple command, ShellResult result) {
        String out = result.stdout();
        String err = result.stderr();
        for (ShellSyntax.Redirect r : command.redirects()) {
            if (r.op().equals(">&")) {
                if (r.fd() == 2) {
                    out += err;
                    err = "";
                } else {
                    err += out;
                    out = "";
                }
            } else if (!r.op().equals("<")) {
                write(r.target(), r.fd() == 1 ? out : r.fd() == 2 ? err : out + err);
                out = r.fd() == 2 ? out : "";
                err = r.fd() == 1 ? err : "";
            }
        }
        return new ShellResult(result.exit(), out, err);
    }

    private Optional<String> readable(String target) {
        String path = ctx.resolve(target);
        if (!VirtualFiles.allowed(ctx.user, path)) {
            return Optional.of("Permission denied");
        }
        return files.file(path).isPresent() ? Optional.empty() : Optional.of("No such file or directory");
    }

    private Optional<String> open(ShellSyntax.Redirect r) {
        String path = ctx.resolve(r.target());
        if (path.equals("/dev/null")) {
            return Optional.empty();
        }
        if (!VirtualFiles.allowed(ctx.user, path)) {
            return Optional.of("Permission denied");
        }
        if (files.isDir(path)) {
            return Optional.of("Is a directory");
        }
        String parent = path.substring(0, Math.max(1, path.lastIndexOf('/')));
        if (!files.isDir(parent)) {
            return Optional.of("No such file or directory");
        }
        if (r.op().equals(">") || files.file(path).isEmpty()) {
            files.write(path, new byte[0], 0666 & ~ctx.umask, ctx.user);
        }
        return Optional.empty();
    }

    private void write(String target, String text) {
        String path = ctx.resolve(target);
        if (!path.equals("/dev/null") && !text.isEmpty()) {
            files.append(path, text, ctx.user);
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
