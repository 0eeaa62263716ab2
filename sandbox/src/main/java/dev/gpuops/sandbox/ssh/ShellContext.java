package dev.gpuops.sandbox.ssh;

import java.util.Map;

/** Per-invocation shell state: who runs, umask, working directory, and whether {@code exit} was called. */
final class ShellContext {

    final String user;
    int umask = 022;
    String cwd;
    boolean exited;

    ShellContext(String user) {
        this.user = user;
        this.cwd = DockerLogin.home(user);
    }

    /** A child shell ({@code sh -c}, {@code sudo}) as {@code asUser}, inheriting the umask like a real child. */
    ShellContext child(String asUser) {
        ShellContext child = new ShellContext(asUser);
        child.umask = umask;
        child.cwd = asUser.equals(user) ? cwd : child.cwd;
        return child;
    }

    Map<String, String> vars() {
        return Map.of("HOME", DockerLogin.home(user), "USER", user, "PWD", cwd);
    }

    String resolve(String path) {
        if (path.startsWith("/")) {
            return VirtualFiles.normalize(path);
        }
        String relative = path.startsWith("./") ? path.substring(2) : path;
        return VirtualFiles.normalize(cwd + "/" + relative);
    }
}
