package dev.gpuops.provider.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The outputs of {@code temporal task-queue describe} (CLI 1.x table and JSON) and {@code tctl}, read for pollers. */
class TaskQueueDescriptionTest {

    private static final String STATS = """
            Task Queue Statistics:
                BuildID    TaskQueueType  ApproxBacklogCount  ApproxBacklogAge  BacklogIncreaseRate  TasksAddRate
              UNVERSIONED  workflow                        0  0s                                  0             0
              UNVERSIONED  activity                        3  41s                                 0             0
            """;

    @Test
    void readsThePollersSectionOfTheCliTable() {
        String output = STATS + """
                Pollers:
                    BuildID    TaskQueueType       Identity        LastAccessTime  RatePerSecond
                  UNVERSIONED  workflow       4201@gpu-box-7@       2 seconds ago         100000
                  UNVERSIONED  activity       4201@gpu-box-7@       2 seconds ago         100000
                  UNVERSIONED  activity       5177@gpu-box-8@       9 seconds ago         100000
                """;
        TaskQueueDescription d = TaskQueueDescription.parse("video-processing@gpu", output).orElseThrow();
        assertThat(d.identities()).containsExactly("4201@gpu-box-7@", "5177@gpu-box-8@");
        assertThat(d.pollers()).isEqualTo(2);
    }

    @Test
    void anEmptyPollersSectionMeansNobodyPolls() {
        String withHeader = STATS + "Pollers:\n    BuildID    TaskQueueType  Identity  LastAccessTime  RatePerSecond\n";
        assertThat(TaskQueueDescription.parse("q@cpu", withHeader).orElseThrow().pollers()).isZero();
        assertThat(TaskQueueDescription.parse("q@cpu", STATS + "Pollers:\n").orElseThrow().pollers()).isZero();
    }

    @Test
    void readsTctlAndTheOlderCliTable() {
        String tctl = """
                                WORKFLOW POLLER IDENTITY                   |      LAST ACCESS TIME
                  31245@ip-10-0-3-7@                                        | 2026-12-06T16:02:11Z
                """;
        assertThat(TaskQueueDescription.parse("q@cpu", tctl).orElseThrow().identities())
                .containsExactly("31245@ip-10-0-3-7@");
        String old = "  Identity              LastAccessTime     RatePerSecond\n";
        assertThat(TaskQueueDescription.parse("q@cpu", old).orElseThrow().pollers()).isZero();
    }

    @Test
    void readsEveryPollersArrayOfTheJsonOutput() {
        String legacy = "{\"pollers\":[{\"lastAccessTime\":\"2026-12-06T16:02:11Z\",\"identity\":\"77@box@\","
                + "\"ratePerSecond\":100000}],\"taskQueueStatus\":null}";
        assertThat(TaskQueueDescription.parse("q@gpu", legacy).orElseThrow().identities()).containsExactly("77@box@");
        String nested = "{\"versionsInfo\":{\"\":{\"typesInfo\":{\"TASK_QUEUE_TYPE_WORKFLOW\":{\"pollers\":[]},"
                + "\"TASK_QUEUE_TYPE_ACTIVITY\":{\"pollers\":[{\"identity\":\"9@w@\"}]}}}}}";
        assertThat(TaskQueueDescription.parse("q@gpu", nested).orElseThrow().identities()).containsExactly("9@w@");
        assertThat(TaskQueueDescription.parse("q@gpu", "{\"pollers\":[]}").orElseThrow().pollers()).isZero();
    }

    @Test
    void somethingElseIsNotADescription() {
        assertThat(TaskQueueDescription.parse("q", "Error: failed reaching server: connection refused")).isEmpty();
        assertThat(TaskQueueDescription.parse("q", "{\"code\":14}")).isEmpty();
        assertThat(TaskQueueDescription.parse("q", "{not json")).isEmpty();
        assertThat(TaskQueueDescription.parse("q", null)).isEmpty();
    }
}
