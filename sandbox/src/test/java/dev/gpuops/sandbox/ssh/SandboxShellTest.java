package dev.gpuops.sandbox.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.sandbox.support.SettableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the simulated host prints, compared with the real tools' output. */
class SandboxShellTest {

    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-23T19:12:00Z"));
    private SandboxSshHost host;

    @BeforeEach
    void start() {
        host = SandboxSshHost.builder().authorizedKey(SandboxKeys.generate(dir)).clock(clock)
                .program("fastapi", true, "/var/log/fastapi.log")
                .program("worker-cpu", false, "/var/log/worker.log")
                .privateRegistry("ghcr.io", "acme", "ghp_right")
                .start();
    }

    @AfterEach
    void stop() {
        host.close();
    }

    private ShellResult run(String line) {
        return run(line, "ubuntu", "");
    }

    private ShellResult run(String line, String user, String stdin) {
        return host.execute(line, user, () -> stdin.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void statusUsesSupervisorctlsColumnLayoutAndExitCodes() {
        clock.advance(Duration.ofSeconds(62));

        ShellResult status = run("supervisorctl -s unix:///tmp/supervisor.sock status");

        assertThat(status.stdout()).isEqualTo(
                "fastapi                          RUNNING   pid " + host.programPid("fastapi").getAsInt()
                        + ", uptime 0:01:02\n"
                        + "worker-cpu                       STOPPED   Not started\n");
        assertThat(status.exit()).isEqualTo(3);
        assertThat(run("supervisorctl -s unix:///tmp/supervisor.sock status fastapi").exit()).isZero();
        assertThat(run("supervisorctl -s unix:///tmp/supervisor.sock status nosuch").stdout())
                .isEqualTo("nosuch: ERROR (no such process)\n");
    }

    @Test
    void stoppedProgramsShowTheStopTime() {
        run("supervisorctl -s unix:///tmp/supervisor.sock stop fastapi");

        assertThat(run("supervisorctl -s unix:///tmp/supervisor.sock status fastapi").stdout())
                .isEqualTo("fastapi                          STOPPED   Nov 23 07:12 PM\n");
    }

    @Test
    void controlLinesAndExitCodesMatchSupervisor425() {
        String ctl = "supervisorctl -s unix:///tmp/supervisor.sock ";

        assertThat(run(ctl + "start worker-cpu")).isEqualTo(new ShellResult(0, "worker-cpu: started\n", ""));
        assertThat(run(ctl + "start worker-cpu")).isEqualTo(new ShellResult(0, "worker-cpu: ERROR (already started)\n", ""));
        assertThat(run(ctl + "restart fastapi")).isEqualTo(new ShellResult(0, "fastapi: stopped\nfastapi: started\n", ""));
        assertThat(run(ctl + "restart nosuch")).isEqualTo(new ShellResult(1,
                "nosuch: ERROR (no such process)\nnosuch: ERROR (no such process)\n", ""));
        assertThat(run(ctl + "stop all")).isEqualTo(new ShellResult(0, "fastapi: stopped\nworker-cpu: stopped\n", ""));
        assertThat(run(ctl + "stop worker-cpu")).isEqualTo(new ShellResult(0, "worker-cpu: ERROR (not running)\n", ""));
        assertThat(run(ctl + "tail nosuch")).isEqualTo(new ShellResult(1, "nosuch: ERROR (no such process name)\n", ""));
        assertThat(run("supervisorctl -s unix:///tmp/other.sock restart fastapi"))
                .isEqualTo(new ShellResult(7, "unix:///tmp/other.sock no such file\n", ""));
        assertThat(run("supervisorctl -s http://127.0.0.1:9001 status"))
                .isEqualTo(new ShellResult(4, "http://127.0.0.1:9001 refused connection\n", ""));
    }

    @Test
    void tailCountsBytesAndAddsOneNewline() {
        String log = host.file("/var/log/fastapi.log").orElseThrow();

        ShellResult tail = run("supervisorctl -s unix:///tmp/supervisor.sock tail -5 fastapi");

        assertThat(tail.stdout()).isEqualTo(log.substring(log.length() - 5) + "\n");
    }

    @Test
    void dockerLoginIsPerUserAndRejectsWrongTokens() {
        assertThat(run("docker login ghcr.io -u acme --password-stdin", "ubuntu", "ghp_wrong").stderr())
                .isEqualTo("Error response from daemon: Get \"https://ghcr.io/v2/\": denied: denied\n");
        ShellResult ok = run("docker login ghcr.io -u acme --password-stdin", "ubuntu", "ghp_right\n");

        assertThat(ok.stdout()).isEqualTo("Login Succeeded\n");
        assertThat(ok.stderr()).contains("/home/ubuntu/.docker/config.json");
        assertThat(run("sudo -n docker pull ghcr.io/acme/app:latest").stderr()).isEqualTo(
                "Error response from daemon: Head \"https://ghcr.io/v2/acme/app/manifests/latest\": unauthorized\n");
        assertThat(run("docker pull ghcr.io/acme/app:latest").stdout()).endsWith(
                "Status: Downloaded newer image for ghcr.io/acme/app:latest\nghcr.io/acme/app:latest\n");
    }

    @Test
    void dockerRunNameConflictAndRemove() {
        run("docker login ghcr.io -u acme --password-stdin", "root", "ghp_right");
        String id = run("docker run -d --name app --gpus all ghcr.io/acme/app:1", "root", "").stdout().strip();

        ShellResult conflict = run("docker run -d --name app --gpus all ghcr.io/acme/app:1", "root", "");

        assertThat(id).hasSize(64);
        assertThat(conflict.exit()).isEqualTo(125);
        assertThat(conflict.stderr()).isEqualTo("docker: Error response from daemon: Conflict. The container name"
                + " \"/app\" is already in use by container \"" + id + "\". You have to remove (or rename) that"
                + " container to be able to reuse that name.\nSee 'docker run --help'.\n");
        assertThat(run("docker rm -f app", "root", "").stdout()).isEqualTo("app\n");
        assertThat(run("docker rm -f app", "root", "").exit()).isZero();
        assertThat(run("docker inspect --type container app", "root", ""))
                .isEqualTo(new ShellResult(1, "", "Error: No such container: app\n"));
    }

    @Test
    void runWithoutGpusLogsTheNvidiaWarningAndExits() {
        run("docker login ghcr.io -u acme --password-stdin", "root", "ghp_right");
        run("docker run -d --name app --restart no ghcr.io/acme/app:1", "root", "");

        assertThat(host.containerState("app")).contains("exited");
        assertThat(run("docker logs app", "root", "").stderr()).contains("NVIDIA Driver was not detected")
                .contains("Found no NVIDIA driver");
    }

    @Test
    void rootOnlyFilesAreRootOnly() {
        ShellResult denied = run("echo x > /root/secret.env");
        ShellResult written = run("sudo -n sh -c 'umask 077 && mkdir -p /root/.gpuops && cat > /root/.gpuops/a.env'",
                "ubuntu", "HF_TOKEN=hf_x\n");

        assertThat(denied).isEqualTo(new ShellResult(1, "", "bash: line 1: /root/secret.env: Permission denied\n"));
        assertThat(written.exit()).isZero();
        assertThat(host.fileMode("/root/.gpuops/a.env")).hasValue(0600);
        assertThat(run("cat /root/.gpuops/a.env").stderr()).isEqualTo("cat: /root/.gpuops/a.env: Permission denied\n");
        assertThat(run("sudo cat /root/.gpuops/a.env").stdout()).isEqualTo("HF_TOKEN=hf_x\n");
    }

    @Test
    void sudoWithoutNopasswdFailsLikeSudo() {
        try (SandboxSshHost strict = SandboxSshHost.builder().authorizedKey(SandboxKeys.generate(dir.resolve("s")))
                .passwordlessSudo(false).start()) {
            ShellResult r = strict.execute("sudo -n docker ps", "ubuntu", () -> new byte[0]);

            assertThat(r).isEqualTo(new ShellResult(1, "", "sudo: a password is required\n"));
        }
    }

    @Test
    void unknownCommandsAndFilesFailLikeBash() {
        assertThat(run("frobnicate")).isEqualTo(new ShellResult(127, "", "bash: line 1: frobnicate: command not found\n"));
        assertThat(run("test -e /workspace/nope || echo missing").stdout()).isEqualTo("missing\n");
        assertThat(run("tail -c 3 /var/log/none.log").stderr())
                .isEqualTo("tail: cannot open '/var/log/none.log' for reading: No such file or directory\n");
        assertThat(run("nvidia-smi").stdout()).contains("NVIDIA A10");
    }

}
