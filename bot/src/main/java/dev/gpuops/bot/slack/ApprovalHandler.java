package dev.gpuops.bot.slack;

import dev.gpuops.bot.kafka.CommandPublisher;
import dev.gpuops.bot.kafka.PublishResult;
import dev.gpuops.bot.runs.RunsView;
import dev.gpuops.event.ApprovalDenied;
import dev.gpuops.event.ApprovalExpired;
import dev.gpuops.event.ApprovalGranted;
import dev.gpuops.event.ApprovalRequested;
import dev.gpuops.event.ApprovalSubmitted;
import dev.gpuops.event.Events;
import dev.gpuops.target.Target;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * An Approve/Deny decision, from a button or from {@code /gpu approve|deny <run>}: checked against the access policy
 * (an approver, not the requester unless self-approval is on), then published as {@link ApprovalSubmitted} for the
 * handlers, which check again and let the run go on or stop. A refusal changes nothing.
 */
public class ApprovalHandler {

    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
            .ofPattern("HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC);

    private final IngressAccess access;
    private final RunsView runs;
    private final CommandPublisher publisher;
    private final Clock clock;
    private final Duration ackTimeout;

    public ApprovalHandler(IngressAccess access, RunsView runs, CommandPublisher publisher, Clock clock,
                           Duration ackTimeout) {
        this.access = access;
        this.runs = runs;
        this.publisher = publisher;
        this.clock = clock;
        this.ackTimeout = ackTimeout;
    }

    /** A click on a decision already taken: says how and when it ended, so nobody wonders whether theirs counted. */
    private Optional<SlackReply> tooLate(String runId, String stepId, String verb) {
        return runs.approvalDecided(runId).flatMap(decision -> switch (decision) {
            case ApprovalExpired expired when stepId == null || stepId.equals(expired.stepId()) ->
                    Optional.of(SlackReply.ephemeral("This approval expired at " + TIME.format(expired.occurredAt())
                            + ": nobody decided on step `" + expired.stepId() + "` of run `" + runId + "` in time, "
                            + "so the run was cancelled and your " + verb + " changes nothing. Run the command "
                            + "again to ask anew."));
            case ApprovalGranted granted when stepId == null || stepId.equals(granted.stepId()) ->
                    Optional.of(SlackReply.ephemeral("Step `" + granted.stepId() + "` of run `" + runId
                            + "` was already approved by <@" + granted.userId() + "> at "
                            + TIME.format(granted.occurredAt()) + "; your " + verb + " changes nothing."));
            case ApprovalDenied denied when stepId == null || stepId.equals(denied.stepId()) ->
                    Optional.of(SlackReply.ephemeral("Step `" + denied.stepId() + "` of run `" + runId
                            + "` was already denied by <@" + denied.userId() + "> at "
                            + TIME.format(denied.occurredAt()) + "; your " + verb + " changes nothing."));
            default -> Optional.empty();
        });
    }

    /** @param stepId the step the clicked button was for; null for the text fallback */
    public SlackReply handle(String runId, String stepId, boolean approve, Requester who) {
        String verb = approve ? "approve" : "deny";
        Optional<ApprovalRequested> waiting = runs.waitingApproval(runId);
        if (waiting.isEmpty() || (stepId != null && !stepId.equals(waiting.get().stepId()))) {
            Optional<SlackReply> late = tooLate(runId, stepId, verb);
            if (late.isPresent()) {
                return late.get();
            }
            return SlackReply.ephemeral("Run `" + runId + "` is not waiting for approval"
                    + (stepId == null ? "" : " of step `" + stepId + "`") + " (it may have been decided, expired "
                    + "or finished); nothing to " + verb + ". `/gpu runs` shows where it is.");
        }
        ApprovalRequested request = waiting.get();
        Optional<Target> target = access.target(request.target());
        if (target.isEmpty()) {
            return SlackReply.ephemeral("Run `" + runId + "` is on target " + request.target()
                    + ", which is no longer in the targets file; nothing to " + verb + ".");
        }
        Optional<SlackReply> refused = IngressAccess.reply(access.control().approval(target.get(), who.userId(),
                who.channelId(), request.requesterId()));
        if (refused.isPresent()) {
            access.refused(request.target(), runId, verb + " step " + request.stepId(), who, refused.get().text());
            return refused.get();
        }
        ApprovalSubmitted decision = new ApprovalSubmitted(Events.newEventId(), clock.instant(), request.target(),
                runId, request.stepId(), approve, who.origin());
        return switch (publisher.publish(decision)) {
            case PublishResult.Acked acked -> SlackReply.inChannel((approve
                    ? ":white_check_mark: <@" + who.userId() + "> approved"
                    : ":no_entry_sign: <@" + who.userId() + "> denied") + " step `" + request.stepId() + "` of run "
                    + runId);
            case PublishResult.Failed failed -> SlackReply.notTaken(PublishingHandler.notTaken(ackTimeout));
        };
    }
}
