package dev.gpuops.runbook.action.core;

import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepResult;

/** {@code log.note}: puts a line into the run's checklist, e.g. what a human should check next. */
@RunbookAction(key = "log.note", idempotent = true, destructive = false,
        description = "Posts a note into the run's thread")
public final class LogNoteAction implements Action<LogNoteAction.Params> {

    public record Params(@Param(value = "the note to post in the run's thread", required = true) String message) {
        public Params {
            if (message == null || message.isBlank()) {
                throw new IllegalArgumentException("log.note needs a non-empty `message`");
            }
        }
    }

    @Override
    public StepResult execute(StepContext context, Params params) {
        return StepResult.of(params.message());
    }
}
