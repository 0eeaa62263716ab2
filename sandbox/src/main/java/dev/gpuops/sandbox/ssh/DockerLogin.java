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

    /** The command line of {@code docker login}. */
    private record Args(String registry, String username, String password, boolean passwordStdin) {

        static Args parse(List<String> args) {
            String registry = "docker.io";
            String username = null;
            String password = null;
            boolean passwordStdin = false;
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "-u", "--username" -> username = i + 1 < args.size() ? args.get(++i) : null;
                    case "-p", "--password" -> password = i + 1 < args.size() ? args.get(++i) : null;
                    case "--password-stdin" -> passwordStdin = true;
                    default -> registry = args.get(i);
                }
            }
            return new Args(registry, username, password, passwordStdin);
        }

        @Override
        public String toString() {
            return "Args[registry=" + registry + ", username=" + username + "]";
        }
    }

    ShellResult login(List<String> argv, String user, Supplier<byte[]> stdin) {
        Args args = Args.parse(argv);
        String warning = args.password() == null ? ""
                : "WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n";
        String password = args.passwordStdin()
                ? new String(stdin.get(), StandardCharsets.UTF_8).replaceAll("[\r\n]+$", "") : args.password();
        if (args.passwordStdin() && args.username() == null) {
            return ShellResult.fail(1, "Error: Must provide --username with --password-stdin\n");
        }
        if (args.username() == null || password == null) {
            return ShellResult.fail(1, warning + "Error: Cannot perform an interactive login from a non TTY device\n");
        }
        if (password.isEmpty()) {
            return ShellResult.fail(1, warning + "Error: Password Required\n");
        }
        if (!accepted(args.registry(), args.username(), password)) {
            return ShellResult.fail(1, warning + "Error response from daemon: Get \"https://" + args.registry()
                    + "/v2/\": denied: denied\n");
        }
        String config = store(user, args.registry(), args.username(), password);
        return new ShellResult(0, "Login Succeeded\n", warning + "WARNING! Your password will be stored unencrypted"
                + " in " + config + ".\nConfigure a credential helper to remove this warning. See\n"
                + "https://docs.docker.com/engine/reference/commandline/login/#credentials-store\n\n");
    }

    /** Like docker: base64 user:password in the user's config.json, mode 0600. */
    private String store(String user, String registry, String username, String password) {
        docker.recordLogin(user, registry);
        String config = home(user) + "/.docker/config.json";
        String auth = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        docker.files().write(config, ("{\n\t\"auths\": {\n\t\t\"" + registry + "\": {\n\t\t\t\"auth\": \"" + auth
                + "\"\n\t\t}\n\t}\n}").getBytes(StandardCharsets.UTF_8), 0600, user);
        return config;
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
