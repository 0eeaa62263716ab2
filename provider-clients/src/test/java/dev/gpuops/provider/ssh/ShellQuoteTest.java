package dev.gpuops.provider.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShellQuoteTest {

    static final List<String> EVIL = List.of("; rm -rf /", "`reboot`", "$(touch /tmp/pwned)", "a\nrm -rf /",
            "it's", "\"quoted\"", "$HOME", "a && b || c", "x > /etc/passwd", "*", "~root", "-rf", "", " spaced ",
            "'; echo '", "\\", "tab\there", "#comment");

    @Test
    void leavesPlainWordsReadable() {
        assertThat(ShellQuote.quote("unix:///tmp/supervisor.sock")).isEqualTo("unix:///tmp/supervisor.sock");
        assertThat(ShellQuote.quote("MODEL_ID=black-forest-labs/FLUX.1-schnell"))
                .isEqualTo("MODEL_ID=black-forest-labs/FLUX.1-schnell");
        assertThat(ShellQuote.join("docker", "rm", "-f", "app")).isEqualTo("docker rm -f app");
    }

    @Test
    void singleQuotesAnythingElseAndEscapesSingleQuotes() {
        assertThat(ShellQuote.quote("; rm -rf /")).isEqualTo("'; rm -rf /'");
        assertThat(ShellQuote.quote("it's")).isEqualTo("'it'\"'\"'s'");
        assertThat(ShellQuote.quote("")).isEqualTo("''");
        assertThat(ShellQuote.quote("{{json .State}}")).isEqualTo("'{{json .State}}'");
    }

    @Test
    void rejectsNul() {
        assertThatThrownBy(() -> ShellQuote.quote("a\0b")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Through a real shell parser (the sandbox's) every hostile value arrives as one literal argument. */
    @Test
    void hostileValuesArriveLiterallyOnARemoteShell(@TempDir Path dir) {
        try (SandboxHostFixture fixture = new SandboxHostFixture(dir)) {
            for (String evil : EVIL) {
                ExecResult echoed = fixture.session.exec("echo -n " + ShellQuote.quote("x" + evil));
                assertThat(echoed.stdout()).as(evil).isEqualTo("x" + evil);
            }
            assertThat(fixture.session.exec("ls /tmp").stdout()).doesNotContain("pwned");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"; rm -rf /", "fastapi;reboot", "`id`", "$(id)", "a b", "fastapi\nrm", "'x'", "\"x\"",
            "../etc", "-rf"})
    void programNamesThatCouldInjectAreRejected(String value) {
        assertThatThrownBy(() -> CommandArgs.program(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid supervisor program");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fastapi", "worker-gpu", "all", "workers:*", "workers:worker-0"})
    void supervisorProgramSpellingsAreAccepted(String value) {
        assertThat(CommandArgs.program(value)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"app; rm -rf /", "$(id)", "-rm", "a/b", "app\n", ""})
    void containerNamesThatCouldInjectAreRejected(String value) {
        assertThatThrownBy(() -> CommandArgs.containerName(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ghcr.io/acme/app:latest; curl evil", "ghcr.io/acme/App:latest", "$(id)", "--privileged",
            "ghcr.io/acme/app:bad tag", "ghcr.io/acme/app\n"})
    void badImageReferencesAreRejected(String value) {
        assertThatThrownBy(() -> CommandArgs.imageReference(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ghcr.io/intelligensi-ai/intelligensi-image-server:latest", "ubuntu", "nginx:1.27",
            "localhost:5000/team/app:canary", "ghcr.io/ggml-org/llama.cpp:server-cuda",
            "ghcr.io/a/b@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
    void realImageReferencesAreAccepted(String value) {
        assertThat(CommandArgs.imageReference(value)).isEqualTo(value);
    }

    @Test
    void otherValidatorsRejectInjectionAndBounds() {
        assertThatThrownBy(() -> CommandArgs.envName("A=B")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandArgs.envName("1A")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandArgs.socketUrl("unix:///tmp/s.sock; reboot"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandArgs.socketUrl("unix://relative.sock")).isInstanceOf(IllegalArgumentException.class);
        assertThat(CommandArgs.socketUrl("http://127.0.0.1:9001")).isEqualTo("http://127.0.0.1:9001");
        assertThatThrownBy(() -> CommandArgs.tailBytes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandArgs.tailBytes(CommandArgs.MAX_TAIL_BYTES + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandArgs.registryHost("ghcr.io;id")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandArgs.executable("/workspace/start_remote.sh --restart"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(CommandArgs.executable("/workspace/start_remote.sh")).isEqualTo("/workspace/start_remote.sh");
    }

    @Test
    void rejectionMessagesEscapeControlCharacters() {
        assertThatThrownBy(() -> CommandArgs.program("a\nb")).hasMessageContaining("'a\\x0ab'");
    }

    @Test
    void secretLookingEnvNamesAreRecognised() {
        assertThat(CommandArgs.looksSecret("HF_TOKEN")).isTrue();
        assertThat(CommandArgs.looksSecret("AWS_SECRET_ACCESS_KEY")).isTrue();
        assertThat(CommandArgs.looksSecret("GHCR_PASSWORD")).isTrue();
        assertThat(CommandArgs.looksSecret("TOKENIZERS_PARALLELISM")).isFalse();
        assertThat(CommandArgs.looksSecret("MODEL_ID")).isFalse();
        assertThat(CommandArgs.looksSecret("HF_HUB_ENABLE_HF_TRANSFER")).isFalse();
    }
}
