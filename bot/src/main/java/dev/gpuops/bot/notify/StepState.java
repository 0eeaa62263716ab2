package dev.gpuops.bot.notify;

/** Where a step stands in the run's checklist, with the mark Slack shows for it. */
enum StepState {
    PENDING("⬜"), RUNNING("⏳"), DONE("✅"), FAILED("❌"), RETRYING("↻");

    private final String mark;

    StepState(String mark) {
        this.mark = mark;
    }

    String mark() {
        return mark;
    }
}
