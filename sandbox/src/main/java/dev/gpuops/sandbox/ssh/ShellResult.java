package dev.gpuops.sandbox.ssh;

/** What one simulated command printed and how it exited. */
record ShellResult(int exit, String stdout, String stderr) {

    static ShellResult ok(String stdout) {
        return new ShellResult(0, stdout, "");
    }

    static ShellResult ok() {
        return new ShellResult(0, "", "");
    }

    static ShellResult fail(int exit, String stderr) {
        return new ShellResult(exit, "", stderr);
    }

    /** Same exit status, both outputs prefixed with what ran before it in a sequence. */
    ShellResult after(ShellResult earlier) {
        return new ShellResult(exit, earlier.stdout + stdout, earlier.stderr + stderr);
    }
}
