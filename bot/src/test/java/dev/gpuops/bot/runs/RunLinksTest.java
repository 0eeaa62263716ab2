package dev.gpuops.bot.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class RunLinksTest {

    private final List<String> asked = new CopyOnWriteArrayList<>();

    @Test
    void aPostedRunsLinkIsAnsweredFromTheCacheWithoutLookingItUp() {
        RunLinks links = new RunLinks(10);
        links.resolveWith(runId -> {
            asked.add(runId);
            return Optional.of("https://t.slack.com/archives/C1/p2");
        });
        links.put("r-posted01", "https://t.slack.com/archives/C1/p1");

        assertThat(links.findAll(List.of("r-posted01"), Duration.ofSeconds(5)))
                .containsExactly(Map.entry("r-posted01", "https://t.slack.com/archives/C1/p1"));
        assertThat(asked).isEmpty();
    }

    @Test
    void aRunPostedBeforeARestartIsLookedUpOnceThenCached() {
        RunLinks links = new RunLinks(10);
        links.resolveWith(runId -> {
            asked.add(runId);
            return runId.equals("r-known001") ? Optional.of("https://t.slack.com/archives/C1/p9")
                    : Optional.empty();
        });

        Map<String, String> first = links.findAll(List.of("r-known001", "r-nothread"), Duration.ofSeconds(5));
        Map<String, String> second = links.findAll(List.of("r-known001"), Duration.ofSeconds(5));

        assertThat(first).containsExactly(Map.entry("r-known001", "https://t.slack.com/archives/C1/p9"));
        assertThat(second).isEqualTo(Map.of("r-known001", "https://t.slack.com/archives/C1/p9"));
        assertThat(asked).containsExactlyInAnyOrder("r-known001", "r-nothread");
        assertThat(links.find("r-known001")).contains("https://t.slack.com/archives/C1/p9");
    }

    @Test
    void aLookupThatDoesNotAnswerInTimeIsLeftOutAndCachedForTheNextAnswer() throws InterruptedException {
        RunLinks links = new RunLinks(10);
        CountDownLatch slack = new CountDownLatch(1);
        links.resolveWith(runId -> {
            try {
                slack.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.of("https://t.slack.com/archives/C1/p7");
        });

        assertThat(links.findAll(List.of("r-slow0001"), Duration.ZERO)).isEmpty();
        slack.countDown();
        for (int i = 0; i < 500 && links.find("r-slow0001").isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertThat(links.find("r-slow0001")).contains("https://t.slack.com/archives/C1/p7");
    }

    @Test
    void keepsOnlyTheNewestLinks() {
        RunLinks links = new RunLinks(2);
        links.put("r-1", "https://a/1");
        links.put("r-2", "https://a/2");
        links.put("r-3", "https://a/3");

        assertThat(links.find("r-1")).isEmpty();
        assertThat(links.find("r-3")).contains("https://a/3");
    }
}
