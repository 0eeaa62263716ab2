package dev.gpuops.provider.ssh.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Makes sure sshd, ssh-keygen and supervisord exist, installing the Debian packages when possible. */
final class Packages {

    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final List<Path> SUPERVISORD = List.of(Path.of("/usr/bin/supervisord"),
            Path.of("/usr/local/bin/supervisord"));

    private Packages() {
    }

    static synchronized void ensureInstalled() throws IOException, InterruptedException {
        if (present()) {
            return;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("RealSshHost needs /usr/sbin/sshd and supervisord. Install them once with"
                    + " `sudo apt-get install -y openssh-server supervisor` (tests do this themselves only as root).");
        }
        // the lock timeout makes concurrent builds wait for each other's apt instead of failing
        run("apt-get", "-o", "DPkg::Lock::Timeout=300", "update", "-qq");
        run("apt-get", "-o", "DPkg::Lock::Timeout=300", "install", "-y", "-qq", "openssh-server", "supervisor");
        if (!present()) {
            throw new IllegalStateException("apt-get finished but sshd or supervisord is still missing");
        }
    }

    static String supervisord() {
        return SUPERVISORD.stream().filter(Files::isExecutable).findFirst().map(Path::toString).orElse("supervisord");
    }

    private static boolean present() {
        return Files.isExecutable(SSHD) && SUPERVISORD.stream().anyMatch(Files::isExecutable)
                && Files.isExecutable(Path.of("/usr/bin/ssh-keygen"));
    }

    static void run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
                    + "): " + (output.length() > 2000 ? output.substring(output.length() - 2000) : output));
        }
    }
}
