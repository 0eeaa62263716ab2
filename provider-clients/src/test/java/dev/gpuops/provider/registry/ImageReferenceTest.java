package dev.gpuops.provider.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

    static final String DIGEST = "sha256:" + "c".repeat(64);

    @Test
    void parsesGhcrReferenceWithTag() {
        ImageReference ref = ImageReference.parse("ghcr.io/intelligensi-ai/intelligensi-image-server:v-123");

        assertThat(ref.repository().registry()).isEqualTo("ghcr.io");
        assertThat(ref.repository().name()).isEqualTo("intelligensi-ai/intelligensi-image-server");
        assertThat(ref.tag()).isEqualTo("v-123");
        assertThat(ref.digest()).isNull();
        assertThat(ref.reference()).isEqualTo("v-123");
        assertThat(ref).hasToString("ghcr.io/intelligensi-ai/intelligensi-image-server:v-123");
    }

    @Test
    void parsesDigestReferencesWithAndWithoutTag() {
        ImageReference pinned = ImageReference.parse("ghcr.io/ggml-org/llama.cpp@" + DIGEST);
        assertThat(pinned.tag()).isNull();
        assertThat(pinned.reference()).isEqualTo(DIGEST);

        ImageReference both = ImageReference.parse("ghcr.io/ggml-org/llama.cpp:server-cuda@" + DIGEST);
        assertThat(both.tag()).isEqualTo("server-cuda");
        assertThat(both.reference()).isEqualTo(DIGEST);
    }

    @Test
    void registryWithPortIsNotMistakenForATag() {
        ImageReference ref = ImageReference.parse("127.0.0.1:5000/owner/name");

        assertThat(ref.repository().registry()).isEqualTo("127.0.0.1:5000");
        assertThat(ref.repository().name()).isEqualTo("owner/name");
        assertThat(ref.tag()).isEqualTo("latest");
    }

    @Test
    void referencesWithoutHostFollowDockerHubRules() {
        assertThat(ImageReference.parse("ubuntu:22.04").repository())
                .isEqualTo(new Repository("docker.io", "library/ubuntu"));
        assertThat(ImageReference.parse("localhost/app:1").repository().registry()).isEqualTo("localhost");
        assertThat(ImageReference.parse("owner/app").repository()).isEqualTo(new Repository("docker.io", "owner/app"));
    }

    @Test
    void uppercaseRepositoryIsRejectedWithTheLowercaseSpelling() {
        assertThatThrownBy(() -> ImageReference.parse("ghcr.io/Intelligensi-AI/image-server:canary"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be lowercase")
                .hasMessageContaining("intelligensi-ai/image-server");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-bad", ".bad", "has space", "way/too"})
    void invalidTagsAreRejected(String tag) {
        assertThatThrownBy(() -> ImageReference.requireTag(tag)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid tag");
    }

    @Test
    void tagLengthLimitIs128() {
        assertThat(ImageReference.requireTag("a".repeat(128))).hasSize(128);
        assertThatThrownBy(() -> ImageReference.requireTag("a".repeat(129)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedDigestIsRejected() {
        assertThatThrownBy(() -> ImageReference.parse("ghcr.io/o/n@sha256:abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid digest");
    }
}
