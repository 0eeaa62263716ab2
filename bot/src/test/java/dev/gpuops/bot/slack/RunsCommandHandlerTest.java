package dev.gpuops.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.bot.runs.RunLinks;
import dev.gpuops.bot.runs.RunsView;
import dev.gpuops.event.Origin;
import dev.gpuops.event.RunFinished;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.event.RunQueued;
import dev.gpuops.event.Verb;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RunsCommandHandlerTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Origin ALICE = new Origin("slack", "C1", "U1", "alice", "trigger-1");

    private final RunsView view = new RunsView(10);
    private final RunLinks links = new RunLinks(10);
    private final RunsCommandHandler handler = new RunsCommandHandler(view,
            Clock.fixed(T0.plusSeconds(120), ZoneOffset.UTC), links);

    private void finished(String runId, String description, RunOutcome outcome, String summary) {
        view.accept(new RunQueued("q-" + runId, T0, "box-1", runId, Verb.DEPLOY, description, 0, null, ALICE));
        view.accept(new RunFinished("f-" + runId, T0, "box-1", runId, outcome, summary, Duration.ofSeconds(4)));
    }

    @Test
    void oneLinePerRunWithItsOutcomeAndThreadLinkNeverATraceback() {
        finished("r-aaaaaaaa", "deploy box-1 <canary>", RunOutcome.FAILED, "step `run` failed: crash loop\n"
                + "Traceback (most recent call last):\n  File \"app.py\", line 1\nModuleNotFoundError: torchvision");
        finished("r-bbbbbbbb", "status box-1", RunOutcome.FOUND_PROBLEMS, "box-1: unhealthy — services: "
                + "fastapi FATAL");
        links.put("r-aaaaaaaa", "https://gpuops.slack.com/archives/C1/p1732388400000000");

        String text = handler.handle().text();

        assertThat(text.lines()).hasSize(3).first().asString().startsWith("Recent runs");
        assertThat(text).doesNotContain("Traceback", "File \"app.py\"")
                .contains("• :x: `r-aaaaaaaa` deploy box-1 &lt;canary&gt; — failed: step `run` failed: crash loop,"
                        + " 2m ago, by alice · <https://gpuops.slack.com/archives/C1/p1732388400000000|thread>")
                .contains("• :red_circle: `r-bbbbbbbb` status box-1 — found problems: box-1: unhealthy — services: fastapi"
                        + " FATAL, 2m ago, by alice");
    }

    @Test
    void aLongSummaryIsCutAtAWord() {
        finished("r-cccccccc", "deploy box-1 v1", RunOutcome.NOT_APPLIED, "word ".repeat(80));

        String line = handler.handle().text().lines().skip(1).findFirst().orElseThrow();

        assertThat(line).startsWith("• :warning: `r-cccccccc` deploy box-1 v1 — not applied: word word").contains("word…,")
                .hasSizeLessThan(260);
    }
}
