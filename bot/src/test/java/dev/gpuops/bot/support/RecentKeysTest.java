package dev.gpuops.bot.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.sandbox.support.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecentKeysTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void secondClaimReturnsTheFirstValue() {
        RecentKeys<String> keys = new RecentKeys<>(clock, Duration.ofDays(3), 10);
        assertThat(keys.claim("d-1", "first")).isEmpty();
        assertThat(keys.claim("d-1", "second")).contains("first");
        keys.update("d-1", "updated");
        assertThat(keys.get("d-1")).contains("updated");
    }

    @Test
    void releasedKeyCanBeClaimedAgain() {
        RecentKeys<String> keys = new RecentKeys<>(clock, Duration.ofDays(3), 10);
        keys.claim("d-1", "x");
        keys.release("d-1");
        assertThat(keys.claim("d-1", "y")).isEmpty();
    }

    @Test
    void forgetsKeysAfterTheirTtl() {
        RecentKeys<String> keys = new RecentKeys<>(clock, Duration.ofDays(3), 10);
        keys.claim("d-1", "x");
        clock.advance(Duration.ofDays(3).minusSeconds(1));
        assertThat(keys.claim("d-1", "y")).contains("x");
        clock.advance(Duration.ofSeconds(1));
        assertThat(keys.claim("d-1", "y")).isEmpty();
    }

    @Test
    void dropsTheOldestKeysBeyondCapacity() {
        RecentKeys<Integer> keys = new RecentKeys<>(clock, Duration.ofDays(3), 3);
        for (int i = 1; i <= 4; i++) {
            keys.claim("d-" + i, i);
        }
        assertThat(keys.size()).isEqualTo(3);
        assertThat(keys.get("d-1")).isEmpty();
        assertThat(keys.get("d-4")).contains(4);
    }
}
