package dev.gpuops.provider.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DockerCommands/DockerHost against the sandbox: seed 000's traps and each docker fault. */
class SandboxDockerTest {

    static final String IMAGE = "ghcr.io/intelligensi-ai/intelligensi-image-server:latest";
    static final String HF_TOKEN = "hf_CanaryHuggingFaceToken0123456789";

    @TempDir
    Path dir;

    private SandboxHostFixture fixture;
    private DockerHost docker;

    @BeforeEach
    void start() {
        fixture = new SandboxHostFixture(dir, b -> b.gatedModel(true));
        docker = new DockerHost(fixture.session);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void loginAsTheSshUserDoesNotHelpSudoDocker() {
        DockerHost asUbuntu = new DockerHost(fixture.session, new DockerCommands(false), DockerHost.DEFAULT_TIMEOUT);
        assertThat(asUbuntu.login("ghcr.io", SandboxHostFixture.GHCR_USER, SandboxHostFixture.GHCR_TOKEN).ok()).isTrue();

        DockerOutcome pull = docker.pull(IMAGE);

        assertThat(pull.failure()).contains(DockerFailure.UNAUTHORIZED);
        assertThat(pull.message()).contains("unauthorized").contains("/root/.docker/config.json");
        assertThat(docker.login("ghcr.io", SandboxHostFixture.GHCR_USER, SandboxHostFixture.GHCR_TOKEN).ok()).isTrue();
        assertThat(docker.pull(IMAGE).ok()).isTrue();
        assertThat(fixture.host.dockerLoggedIn("root", "ghcr.io")).isTrue();
    }

    @Test
    void aWrongTokenIsRejectedWithoutEchoingIt() {
        String wrong = "ghp_WrongCanaryToken99999999999999999";

        DockerOutcome login = docker.login("ghcr.io", SandboxHostFixture.GHCR_USER, wrong);

        assertThat(login.failure()).contains(DockerFailure.LOGIN_DENIED);
        assertThat(login.message()).doesNotContain(wrong);
        assertThat(login.result().command()).doesNotContain(wrong);
        assertThat(fixture.host.commandLog()).noneMatch(l -> l.contains(wrong));
    }

    @Test
    void canonicalRunWithSecretsInARootOnlyEnvFileServesHealth() throws Exception {
        loggedIn();
        ContainerSpec spec = ContainerSpec.canonical("intelligensi-image-server", IMAGE, 8000,
                Map.of("MODEL_ID", "black-forest-labs/FLUX.1-schnell", "HF_HUB_ENABLE_HF_TRANSFER", "1"));

        DockerOutcome run = docker.replace(spec, Map.of("HF_TOKEN", HF_TOKEN));

        assertThat(run.ok()).as(run.message()).isTrue();
        assertThat(run.result().command()).contains("--env-file /root/.gpuops/intelligensi-image-server.env")
                .contains("--gpus all").contains("--restart unless-stopped").contains("-p 8000:8000");
        assertThat(docker.inspect("intelligensi-image-server")).hasValueSatisfying(s -> assertThat(s.healthy()).isTrue());
        assertThat(fixture.host.containerEnv("intelligensi-image-server").orElseThrow()).containsEntry("HF_TOKEN", HF_TOKEN);
        assertThat(fixture.host.fileMode("/root/.gpuops/intelligensi-image-server.env")).hasValue(0600);
        assertThat(fixture.host.fileOwner("/root/.gpuops/intelligensi-image-server.env")).contains("root");
        assertThat(fixture.host.commandLog()).noneMatch(l -> l.contains(HF_TOKEN));
        assertThat(health().statusCode()).isEqualTo(200);
        assertThat(health().body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void runReplacesAnOldContainerOfTheSameName() {
        loggedIn();
        ContainerSpec spec = ContainerSpec.canonical("app", IMAGE, 8000, Map.of());
        Map<String, String> secrets = Map.of("HF_TOKEN", HF_TOKEN);
        String first = docker.replace(spec, secrets).result().stdout().strip();

        DockerOutcome second = docker.replace(spec, secrets);

        assertThat(second.ok()).isTrue();
        assertThat(second.result().stdout().strip()).hasSize(64).isNotEqualTo(first);
    }

    @Test
    void missingHfTokenCrashLoopsWithAGatedRepoTracebackAndHealthResets() {
        loggedIn();
        ContainerSpec spec = ContainerSpec.canonical("app", IMAGE, 8000, Map.of());

        DockerOutcome run = docker.replace(spec, Map.of());
        ExecResult logs = docker.logs("app", 100);

        assertThat(run.ok()).isTrue(); // detached: docker run itself succeeds
        assertThat(docker.inspect("app").orElseThrow().restarting()).isTrue();
        assertThat(logs.combinedOutput()).contains("GatedRepoError").contains("401 Client Error")
                .contains("Application startup failed. Exiting.");
        assertThatThrownBy(this::health).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void hfTokenMissingFaultCrashesEvenWithAToken() {
        loggedIn();
        fixture.host.fail("hf-token-missing");

        docker.replace(ContainerSpec.canonical("app", IMAGE, 8000, Map.of()), Map.of("HF_TOKEN", HF_TOKEN));

        assertThat(docker.inspect("app").orElseThrow().healthy()).isFalse();
        fixture.host.heal();
        assertThat(docker.inspect("app").orElseThrow().healthy()).isTrue();
    }

    @Test
    void ghcrUnauthorizedFaultFailsPullsUntilHealed() {
        loggedIn();
        fixture.host.fail("ghcr-unauthorized");

        DockerOutcome pull = docker.pull(IMAGE);

        assertThat(pull.failure()).contains(DockerFailure.UNAUTHORIZED);
        assertThat(pull.result().stderr()).isEqualTo("Error response from daemon: Head \"https://ghcr.io/v2/"
                + "intelligensi-ai/intelligensi-image-server/manifests/latest\": unauthorized\n");
        fixture.host.heal();
        assertThat(docker.pull(IMAGE).ok()).isTrue();
    }

    @Test
    void noGpuRuntimeFailsTheRunWithDockersMessage() {
        loggedIn();
        fixture.host.fail("no-gpu-runtime");

        DockerOutcome run = docker.replace(ContainerSpec.canonical("app", IMAGE, 8000, Map.of()), Map.of());

        assertThat(run.result().exitCode()).isEqualTo(125);
        assertThat(run.failure()).contains(DockerFailure.NO_GPU_RUNTIME);
        assertThat(run.result().stderr()).contains("could not select device driver \"\" with capabilities: [[gpu]].");
    }

    @Test
    void diskFullFailsThePull() {
        loggedIn();
        fixture.host.fail("disk-full");

        assertThat(docker.pull(IMAGE).failure()).contains(DockerFailure.DISK_FULL);
        assertThat(fixture.session.exec("df -h").stdout()).contains("100% /");
    }

    @Test
    void inspectOfAMissingContainerIsEmpty() {
        assertThat(docker.inspect("nosuch")).isEmpty();
        assertThat(docker.removeForce("nosuch").ok()).isTrue();
    }

    private void loggedIn() {
        assertThat(docker.login("ghcr.io", SandboxHostFixture.GHCR_USER, SandboxHostFixture.GHCR_TOKEN).ok()).isTrue();
    }

    private HttpResponse<String> health() throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create(fixture.host.healthUrl())).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
