package dev.gpuops.bot.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.gpuops.bot.support.Names;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Approve/Deny buttons of an approval message ({@code block_actions}, verified by Bolt like every request to
 * {@code /slack/events}). The decision is published before the ack, as commands are; the buttons are replaced by
 * the decision when its event reaches the notifier. A refusal goes to the clicker only and leaves the buttons.
 */
public class ApprovalButtons implements BlockActionHandler {

    /** Action ids the notifier gives the buttons. */
    public static final String APPROVE = "gpuops_approve";
    public static final String DENY = "gpuops_deny";

    private static final Logger LOG = LoggerFactory.getLogger(ApprovalButtons.class);

    private final ApprovalHandler approvals;

    public ApprovalButtons(ApprovalHandler approvals) {
        this.approvals = approvals;
    }

    @Override
    public Response apply(BlockActionRequest request, ActionContext context) {
        BlockActionPayload payload = request.getPayload();
        BlockActionPayload.Action action = payload.getActions() == null || payload.getActions().isEmpty() ? null
                : payload.getActions().getFirst();
        String value = action == null || action.getValue() == null ? "" : action.getValue();
        int colon = value.indexOf(':');
        String runId = colon < 0 ? value : value.substring(0, colon);
        String stepId = colon < 0 ? null : value.substring(colon + 1);
        String channel = payload.getChannel() == null ? null : payload.getChannel().getId();
        String userId = payload.getUser() == null ? null : payload.getUser().getId();
        String userName = payload.getUser() == null ? null : payload.getUser().getUsername();
        SlackReply reply;
        if (!Names.RUN_ID.matcher(runId).matches() || stepId == null || userId == null) {
            reply = SlackReply.ephemeral("This button does not name a run and step gpuops knows; nothing was done.");
        } else {
            reply = approvals.handle(runId, stepId, APPROVE.equals(action.getActionId()),
                    new Requester(channel, userId, userName, payload.getTriggerId()));
        }
        LOG.info("{} on run {} by {}: {}", action == null ? "?" : action.getActionId(), Names.loggable(runId),
                userId, reply.text());
        if (!reply.inChannel()) {
            ephemeral(context, userId, reply.text());
        }
        return context.ack();
    }

    /** Through the payload's response_url: seen only by the clicker, and the message with its buttons stays. */
    private static void ephemeral(ActionContext context, String userId, String text) {
        try {
            context.respond(r -> r.responseType("ephemeral").replaceOriginal(false).text(text));
        } catch (Exception e) {
            LOG.warn("could not tell {} why their click was refused: {}", userId, e.getClass().getSimpleName());
        }
    }
}
