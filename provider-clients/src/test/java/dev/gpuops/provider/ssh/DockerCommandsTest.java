package dev.gpuops.provider.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerCommandsTest {

    private static final String SECRET = "hf_CanaryValue0123456789abcdefghij";
    private final DockerCommands asUbuntu = DockerCommands.forUser("ubuntu");
    private final DockerCommands asRoot = DockerCommands.forUser("root");

    @Test
    void theCanonicalRunMatchesSeed000() {
        ContainerSpec spec = ContainerSpec.canonical("intelligensi-image-server",
                "ghcr.io/intelligensi-ai/intelligensi-image-server:latest", 8000,
                Map.of("MODEL_ID", "black-forest-labs/FLUX.1-schnell", "HF_HUB_ENABLE_HF_TRANSFER", "1"))
                .withEnvFile(asUbuntu.envFilePath("intelligensi-image-server"));

        assertThat(asUbuntu.run(spec).line()).isEqualTo("sudo -n docker run -d --name intelligensi-image-server"
                + " --restart unless-stopped --gpus all -p 8000:8000 -e HF_HUB_ENABLE_HF_TRANSFER=1"
                + " -e MODEL_ID=black-forest-labs/FLUX.1-schnell"
                + " --env-file /root/.gpuops/intelligensi-image-server.env"
                + " ghcr.io/intelligensi-ai/intelligensi-image-server:latest");
        assertThat(asRoot.run(spec).line()).startsWith("docker run -d");
    }

    @Test
    void loginPassesThePasswordOnStdinOnlyAndRunsAsRoot() {
        RemoteCommand login = asUbuntu.login("ghcr.io", "intelligensi-ai", SECRET);

        assertThat(login.line()).isEqualTo("sudo -n docker login ghcr.io -u intelligensi-ai --password-stdin");
        assertThat(new String(login.stdin(), StandardCharsets.UTF_8)).isEqualTo(SECRET);
        assertThat(login.toString()).doesNotContain(SECRET);
    }

    @Test
    void secretEnvGoesToARootOnlyFileThroughStdin() {
        RemoteCommand write = asUbuntu.writeEnvFile("app", Map.of("HF_TOKEN", SECRET));

        assertThat(write.line()).isEqualTo("sudo -n sh -c 'umask 077 && mkdir -p /root/.gpuops && cat >"
                + " /root/.gpuops/app.env && chmod 600 /root/.gpuops/app.env'");
        assertThat(write.line()).doesNotContain(SECRET);
        assertThat(new String(write.stdin(), StandardCharsets.UTF_8)).isEqualTo("HF_TOKEN=" + SECRET + "\n");
        assertThat(write.toString()).doesNotContain(SECRET);
    }

    @Test
    void refusesSecretLookingNamesAsPlainEnv() {
        assertThatThrownBy(() -> ContainerSpec.canonical("app", "ghcr.io/a/b:1", 8000, Map.of("HF_TOKEN", SECRET)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secretEnv")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void refusesMultiLineSecretsForEnvFiles() {
        assertThatThrownBy(() -> asRoot.writeEnvFile("app", Map.of("HF_TOKEN", "a\nEVIL=1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quotesPlainEnvValuesThatNeedIt() {
        ContainerSpec spec = new ContainerSpec("app", "ghcr.io/a/b:1", null, null, null,
                Map.of("GREETING", "hello; rm -rf /"), null);

        assertThat(asRoot.run(spec).line()).isEqualTo("docker run -d --name app --restart unless-stopped"
                + " -e 'GREETING=hello; rm -rf /' ghcr.io/a/b:1");
    }

    @Test
    void otherCommands() {
        assertThat(asUbuntu.pull("ghcr.io/a/b:canary").line()).isEqualTo("sudo -n docker pull ghcr.io/a/b:canary");
        assertThat(asUbuntu.removeForce("app").line()).isEqualTo("sudo -n docker rm -f app");
        assertThat(asUbuntu.logs("app", 200).line()).isEqualTo("sudo -n docker logs --tail 200 app");
        assertThat(asUbuntu.inspectState("app").line())
                .isEqualTo("sudo -n docker inspect --type container --format '{{json .State}}' app");
    }

    @Test
    void parsesInspectState() {
        ContainerState state = ContainerState.parse("{\"Status\":\"restarting\",\"Running\":true,\"Paused\":false,"
                + "\"Restarting\":true,\"OOMKilled\":false,\"Dead\":false,\"Pid\":0,\"ExitCode\":1,\"Error\":\"\","
                + "\"StartedAt\":\"2026-11-23T19:00:00Z\",\"FinishedAt\":\"2026-11-23T19:00:05Z\"}");

        assertThat(state.healthy()).isFalse();
        assertThat(state.exitCode()).isEqualTo(1);
        assertThat(state.summary()).contains("crash loop");
    }

    @Test
    void classifiesDockerErrors() {
        assertThat(DockerFailure.classify("Error response from daemon: Head \"https://ghcr.io/v2/a/b/manifests/latest\":"
                + " unauthorized", false)).isEqualTo(DockerFailure.UNAUTHORIZED);
        assertThat(DockerFailure.classify("Error response from daemon: Get \"https://ghcr.io/v2/\": denied: denied",
                true)).isEqualTo(DockerFailure.LOGIN_DENIED);
        assertThat(DockerFailure.classify("docker: Error response from daemon: could not select device driver \"\""
                + " with capabilities: [[gpu]].", false)).isEqualTo(DockerFailure.NO_GPU_RUNTIME);
        assertThat(DockerFailure.classify("write /var/lib/docker/x: no space left on device", false))
                .isEqualTo(DockerFailure.DISK_FULL);
        assertThat(DockerFailure.classify("Cannot connect to the Docker daemon at unix:///var/run/docker.sock.",
                false)).isEqualTo(DockerFailure.DAEMON_UNREACHABLE);
    }

    @Test
    void execOptionsAndEndpointExpandHome() {
        SshEndpoint ep = SshEndpoint.of("1.2.3.4", 22, "ubuntu", "~/.ssh/id", "~/.ssh/known_hosts");

        assertThat(ep.privateKey().toString()).isEqualTo(System.getProperty("user.home") + "/.ssh/id");
        assertThat(ep.knownHostsName()).isEqualTo("1.2.3.4");
        assertThat(ep.withAddress("5.6.7.8", 2222).knownHostsName()).isEqualTo("[5.6.7.8]:2222");
        assertThatThrownBy(() -> SshEndpoint.of("host;rm", 22, "u", "k", "kh"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
