package dev.gpuops.bot.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.event.EventJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadCoordinatesTest {

    private final ThreadCoordinates thread = new ThreadCoordinates("r-1", "C0OPS", 2, 41, "1.000100", "1.000200",
            List.of("e-1"), false);

    @Test
    void aReplyInFlightIsRecordedUntilSlackAcceptedIt() {
        ThreadCoordinates replying = thread.withReplying("e-2");
        ThreadCoordinates replied = replying.withReply("e-2");

        assertThat(thread.replying()).isNull();
        assertThat(replying.replying()).isEqualTo("e-2");
        assertThat(replying.replied()).containsExactly("e-1");
        assertThat(replied.replying()).isNull();
        assertThat(replied.replied()).containsExactly("e-1", "e-2");
        assertThat(replying.withStatus("1.000300").replying()).as("kept by later updates").isEqualTo("e-2");
        assertThat(replying.settle().replying()).isNull();
    }

    @Test
    void roundTripsThroughJsonWithTheReplyInFlight() throws Exception {
        ThreadCoordinates replying = thread.withReplying("e-2");

        byte[] json = EventJson.mapper().writeValueAsBytes(replying);

        assertThat(EventJson.mapper().readValue(json, ThreadCoordinates.class)).isEqualTo(replying);
    }

    @Test
    void readsRecordsWrittenBeforeRepliesWereTrackedAsInFlight() throws Exception {
        String older = """
                {"runId":"r-1","channel":"C0OPS","partition":2,"firstOffset":41,"rootTs":"1.000100",\
                "statusTs":"1.000200","replied":["e-1"],"settled":false}""";

        ThreadCoordinates read = EventJson.mapper().readValue(older, ThreadCoordinates.class);

        assertThat(read).isEqualTo(thread);
        assertThat(read.replying()).isNull();
    }
}
