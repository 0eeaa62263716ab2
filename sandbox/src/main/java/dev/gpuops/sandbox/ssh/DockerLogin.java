package dev.gpuops.sandbox.ssh;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** {@code docker login}: credentials are stored for the user docker runs as, in that user's config.json. */
final class DockerLogin {

    private final SimulatedDocker docker;

    DockerLogin(SimulatedDocker docker) {
        this.docker = docker;
    }

    ShellResult login(List<String> args, String user, Supplier<byte[]> stdin) {
        String registry = "docker.io";
        String username = null;
        String password = null;
        boolean passwordStdin = false;
        String warning = "";
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "-u", "--username" -> username = i + 1 < args.size() ? args.get(++i) : null;
                case "-p", "--password" -> {
                    password = i + 1 < args.size() ? args.get(++i) : null;
                    warning = "WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n";
                }
                case "--password-stdin" -> passwordStdin = true;
                default -> registry = arg;
            }
        }
        if (passwordStdin) {
            password = new String(stdin.get(), StandardCharsets.UTF_8).replaceAll("[\r\n]+$", "");
            if (username == null) {
                return ShellResult.fail(1, "Error: Must provide --username with --password-stdin\n");
            }
        }
        if (username == null || password == null) {
            return ShellResult.fail(1, warning + "Error: Cannot perform an interactive login from a non TTY device\n");
        }
        if (password.isEmpty()) {
            return ShellResult.fail(1, warning + "Error: Password Required\n");
        }
        if (!accepted(registry, username, password)) {
            return ShellResult.fail(1, warning + "Error response from daemon: Get \"https://" + registry
                    + "/v2/\": denied: denied\n");
        }
        docker.recordLogin(user, registry);
        String config = home(user) + "/.docker/config.json";
        String auth = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        docker.files().write(config, ("{\n\t\"auths\": {\n\t\t\"" + registry + "\": {\n\t\t\t\"auth\": \"" + auth
                + "\"\n\t\t}\n\t}\n}").getBytes(StandardCharsets.UTF_8), 0600, user);
        return new ShellResult(0, "Login Succeeded\n", warning + "WARNING! Your password will be stored unencrypted"
                + " in " + config + ".\nConfigure a credential helper to remove this warning. See\n"
                + "https://docs.docker.com/engine/reference/commandline/login/#credentials-store\n\n");
    }

    private boolean accepted(String registry, String username, String password) {
        Optional<SimulatedDocker.Credentials> expected = docker.registryCredentials(registry);
        return expected.map(c -> (c.username() == null || c.username().equals(username))
                && (c.password() == null || c.password().equals(password))).orElse(true);
    }

    static String home(String user) {
        return "root".equals(user) ? "/root" : "/home/" + user;
    }
}
