package dev.gpuops.bot.notify;

import static dev.gpuops.bot.notify.SlackText.escape;

import dev.gpuops.event.ApprovalRequested;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The approval part of a run's status message: which step waits, what it will destroy, and Approve/Deny buttons
 * while it waits; once decided, the buttons are replaced by the decision (who, when) with the next chat.update.
 */
final class ApprovalMessages {

    /** Action ids of the buttons; the bot's block_actions handler listens for exactly these. */
    static final String APPROVE = dev.gpuops.bot.slack.ApprovalButtons.APPROVE;
    static final String DENY = dev.gpuops.bot.slack.ApprovalButtons.DENY;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ApprovalMessages() {
    }

    static void append(RunView run, List<SlackText.Block> blocks) {
        RunView.Approval approval = run.approval();
        if (approval == null) {
            return;
        }
        ApprovalRequested request = approval.request();
        blocks.add(new SlackText.Section(":warning: *Approval needed* before step `" + escape(request.stepId()) + "` ("
                + escape(request.action()) + "): *" + escape(request.blastRadius()) + "*\nApprovers: "
                + request.approvers() + (request.requesterId() == null ? "" : " · not the requester <@"
                + escape(request.requesterId()) + ">")));
        if (approval.pending() && !run.finished()) {
            String value = request.runId() + ":" + request.stepId();
            blocks.add(new SlackText.Actions("approval:" + value, List.of(
                    new SlackText.Button(APPROVE, "Approve", value, "primary"),
                    new SlackText.Button(DENY, "Deny", value, "danger"))));
            blocks.add(new SlackText.Context("Waits until " + time(request.expiresAt()) + ", then the run is "
                    + "cancelled. Text fallback: `/gpu approve " + escape(request.runId()) + "` or `/gpu deny "
                    + escape(request.runId()) + "`"));
        } else if (approval.pending()) {
            blocks.add(new SlackText.Context("The run ended before anyone decided."));
        } else {
            blocks.add(new SlackText.Context(approval.decision() + " at " + time(approval.decidedAt())));
        }
    }

    /** The reply to {@code /gpu plan}: every step with its resolved parameters and what it would need. */
    static SlackText plan(dev.gpuops.event.RunPlanned planned) {
        StringBuilder text = new StringBuilder("*Plan* (nothing was run)\n");
        int n = 1;
        for (dev.gpuops.event.RunPlanned.PlannedStep step : planned.steps()) {
            text.append(n++).append(". `").append(escape(step.id())).append("` ").append(escape(step.action()))
                    .append(step.destructive() ? " — *destructive*" : " — safe")
                    .append(step.needsApproval() ? ", *needs approval*" : "")
                    .append("\n      ").append(escape(SlackText.truncate(step.params(), 300)));
            if (step.blastRadius() != null) {
                text.append("\n      blast radius: ").append(escape(step.blastRadius()));
            }
            if (step.note() != null) {
                text.append("\n      _").append(escape(SlackText.truncate(step.note(), 300))).append("_");
            }
            text.append('\n');
        }
        return SlackText.of(List.of(new SlackText.Section(SlackText.truncate(text.toString().strip(),
                SlackText.SECTION_LIMIT))));
    }

    private static String time(Instant instant) {
        return instant == null ? "?" : TIME.format(instant);
    }
}
