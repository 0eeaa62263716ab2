package dev.gpuops.bot.notify;

/** Where a step stands in the run's checklist, with the mark Slack shows for it. */
enum StepState {
    PENDING(":white_large_square:"), RUNNING(":hourglass_flowing_sand:"), DONE(":white_check_mark:"), FAILED(":x:"),
    RETRYING(":repeat:");

    private final String mark;

    StepState(String mark) {
        this.mark = mark;
    }

    String mark() {
        return mark;
    }
}
