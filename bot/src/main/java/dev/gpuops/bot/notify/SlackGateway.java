package dev.gpuops.bot.notify;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.model.Message;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.DividerBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import dev.gpuops.provider.support.Redactor;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The notifier's only door to Slack: posts and updates through the SDK's {@link MethodsClient}, redacts every text
 * first, and turns every answer (HTTP 429, {@code ok:false}, I/O failure) into a {@link Result} instead of throwing.
 */
class SlackGateway {

    /** Errors worth retrying; everything else (channel_not_found, invalid_auth…) will not fix itself. */
    private static final Set<String> TRANSIENT = Set.of("internal_error", "fatal_error", "service_unavailable",
            "request_timeout", "ratelimited");
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private final MethodsClient methods;
    private volatile java.util.function.BiConsumer<String, String> permalinks;

    SlackGateway(MethodsClient methods) {
        this.methods = methods;
    }

    /** Where a run's thread permalink goes once its root is posted (runId, permalink). */
    void reportPermalinksTo(java.util.function.BiConsumer<String, String> sink) {
        permalinks = sink;
    }

    /** Looks the root's permalink up off the lane's thread, so a slow chat.getPermalink never delays a post. */
    void rootPosted(String runId, String channel, String ts) {
        java.util.function.BiConsumer<String, String> sink = permalinks;
        if (sink == null || channel == null || ts == null) {
            return;
        }
        Thread.ofVirtual().name("slack-permalink-" + runId).start(() -> permalink(channel, ts)
                .ifPresent(link -> sink.accept(runId, link)));
    }

    /** chat.getPermalink; empty (logged at debug) when Slack does not answer with one. */
    java.util.Optional<String> permalink(String channel, String ts) {
        try {
            var response = methods.chatGetPermalink(r -> r.channel(channel).messageTs(ts));
            return response.isOk() ? java.util.Optional.ofNullable(response.getPermalink())
                    : java.util.Optional.empty();
        } catch (SlackApiException | java.io.IOException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(SlackGateway.class).debug("chat.getPermalink of {} in {} failed: {}",
                    ts, channel, e.toString());
            return java.util.Optional.empty();
        }
    }

    sealed interface Result permits Sent, RateLimited, Failed {
    }

    /**
     * @param channel the channel id Slack answered with (chat.update needs the id even when a post used a name)
     * @param ts      the message's ts (new for a post, unchanged for an update)
     */
    record Sent(String channel, String ts) implements Result {
    }

    record RateLimited(Duration retryAfter) implements Result {
    }

    /** @param error Slack's error code or a short description; never message content */
    record Failed(String error, boolean retryable) implements Result {
    }

    /** Slack message metadata on every root: how a restarted notifier finds a root it posted but did not record. */
    static final String RUN_EVENT_TYPE = "gpuops_run";
    /** The same for a run's checklist in its thread ({@link #findStatus}). */
    static final String STATUS_EVENT_TYPE = "gpuops_run_status";
    /** The same for a thread reply, with the run event it renders: {@code {run_id, event_id}} ({@link #findReply}). */
    static final String REPLY_EVENT_TYPE = "gpuops_run_reply";
    /** Pages of {@link #LOOKUP_WINDOW} replies {@link #findReply} reads at most: a thread of up to 1,000 messages. */
    static final int REPLY_LOOKUP_PAGES = 5;
    /** How far back {@link #findRoot} looks: the newest messages of the channel only. */
    static final int LOOKUP_WINDOW = 200;

    Result post(String channel, String threadTs, SlackText message) {
        return post(channel, threadTs, message, null);
    }

    /** @param runId set for a run's root message: posted with metadata {@code gpuops_run {run_id}} */
    Result post(String channel, String threadTs, SlackText message, String runId) {
        return post(channel, threadTs, message, runId == null ? null : RUN_EVENT_TYPE, runId);
    }

    /** @param eventType with {@code runId}: the message's metadata {@code eventType {run_id}}; null for none */
    Result post(String channel, String threadTs, SlackText message, String eventType, String runId) {
        return post(channel, threadTs, message, eventType, eventType == null ? null : Map.of("run_id", runId));
    }

    /** A thread reply rendering the run event {@code eventId}: metadata {@code gpuops_run_reply {run_id, event_id}}. */
    Result postReply(String channel, String threadTs, SlackText message, String runId, String eventId) {
        return post(channel, threadTs, message, REPLY_EVENT_TYPE,
                Map.of("run_id", runId, "event_id", eventId));
    }

    private Result post(String channel, String threadTs, SlackText message, String eventType,
                        Map<String, Object> payload) {
        SlackText safe = redact(message);
        try {
            ChatPostMessageResponse response = methods.chatPostMessage(r -> r.channel(channel).threadTs(threadTs)
                    .text(safe.text()).blocks(blocks(safe)).unfurlLinks(false).unfurlMedia(false)
                    .metadata(eventType == null ? null : Message.Metadata.builder().eventType(eventType)
                            .eventPayload(payload).build()));
            return response.isOk() ? new Sent(response.getChannel(), response.getTs()) : failure(response);
        } catch (SlackApiException e) {
            return failure(e);
        } catch (IOException | RuntimeException e) {
            return new Failed(e.getClass().getSimpleName(), true);
        }
    }

    /**
     * Looks for the root of {@code runId} among the channel's newest {@link #LOOKUP_WINDOW} messages by its
     * metadata (conversations.history with include_all_metadata).
     *
     * @return Sent with the root's channel and ts, Failed("not_found", false) when it is not there, or the error
     */
    Result findRoot(String channel, String runId) {
        try {
            ConversationsHistoryResponse response = methods.conversationsHistory(r -> r.channel(channel)
                    .limit(LOOKUP_WINDOW).includeAllMetadata(true));
            if (!response.isOk()) {
                return failure(response);
            }
            return response.getMessages().stream()
                    .filter(m -> carries(m, RUN_EVENT_TYPE, runId))
                    .findFirst().<Result>map(m -> new Sent(channel, m.getTs()))
                    .orElse(new Failed("not_found", false));
        } catch (SlackApiException e) {
            return failure(e);
        } catch (IOException | RuntimeException e) {
            return new Failed(e.getClass().getSimpleName(), true);
        }
    }

    /**
     * Looks for the checklist of {@code runId} in the thread of {@code rootTs} by its metadata
     * (conversations.replies with include_all_metadata, the thread's first {@link #LOOKUP_WINDOW} messages: the
     * checklist is among the first replies of a thread).
     *
     * @return Sent with the checklist's ts, Failed("not_found", false) when it is not there, or the error
     */
    Result findStatus(String channel, String rootTs, String runId) {
        return findInThread(channel, rootTs, 1, m -> carries(m, STATUS_EVENT_TYPE, runId));
    }

    /**
     * Looks for the reply rendering run event {@code eventId} in the thread of {@code rootTs} by its metadata
     * ({@code gpuops_run_reply}), paging conversations.replies up to {@link #REPLY_LOOKUP_PAGES} pages.
     *
     * @return Sent with the reply's ts, Failed("not_found", false) when it is not there, or the error
     */
    Result findReply(String channel, String rootTs, String runId, String eventId) {
        return findInThread(channel, rootTs, REPLY_LOOKUP_PAGES, m -> carries(m, REPLY_EVENT_TYPE, runId)
                && eventId.equals(String.valueOf(m.getMetadata().getEventPayload().get("event_id"))));
    }

    private Result findInThread(String channel, String rootTs, int pages,
                                java.util.function.Predicate<Message> wanted) {
        String cursor = null;
        try {
            for (int page = 0; page < pages; page++) {
                String from = cursor;
                ConversationsRepliesResponse response = methods.conversationsReplies(r -> r.channel(channel)
                        .ts(rootTs).limit(LOOKUP_WINDOW).includeAllMetadata(true).cursor(from));
                if (!response.isOk()) {
                    return failure(response);
                }
                var found = response.getMessages().stream().filter(wanted).findFirst();
                if (found.isPresent()) {
                    return new Sent(channel, found.get().getTs());
                }
                cursor = response.getResponseMetadata() == null ? null
                        : response.getResponseMetadata().getNextCursor();
                if (!response.isHasMore() || cursor == null || cursor.isBlank()) {
                    break;
                }
            }
            return new Failed("not_found", false);
        } catch (SlackApiException e) {
            return failure(e);
        } catch (IOException | RuntimeException e) {
            return new Failed(e.getClass().getSimpleName(), true);
        }
    }

    private static boolean carries(Message message, String eventType, String runId) {
        Message.Metadata metadata = message.getMetadata();
        return metadata != null && eventType.equals(metadata.getEventType()) && metadata.getEventPayload() != null
                && runId.equals(String.valueOf(metadata.getEventPayload().get("run_id")));
    }

    Result update(String channel, String ts, SlackText message) {
        SlackText safe = redact(message);
        try {
            ChatUpdateResponse response = methods.chatUpdate(r -> r.channel(channel).ts(ts)
                    .text(safe.text()).blocks(blocks(safe)));
            return response.isOk() ? new Sent(channel, ts) : failure(response);
        } catch (SlackApiException e) {
            return failure(e);
        } catch (IOException | RuntimeException e) {
            return new Failed(e.getClass().getSimpleName(), true);
        }
    }

    private static Result failure(SlackApiTextResponse response) {
        if ("ratelimited".equals(response.getError())) {
            return new RateLimited(retryAfter(response.getHttpResponseHeaders()));
        }
        return new Failed(response.getError(), TRANSIENT.contains(response.getError()));
    }

    private static Result failure(SlackApiException e) {
        int status = e.getResponse().code();
        if (status == 429) {
            return new RateLimited(parseRetryAfter(e.getResponse().header("Retry-After")));
        }
        String error = e.getError() != null && e.getError().getError() != null ? e.getError().getError()
                : "http_" + status;
        return new Failed(error, status >= 500 || TRANSIENT.contains(error));
    }

    private static Duration retryAfter(Map<String, List<String>> headers) {
        if (headers == null) {
            return DEFAULT_RETRY_AFTER;
        }
        List<String> values = headers.get("retry-after");
        return parseRetryAfter(values == null || values.isEmpty() ? null : values.getFirst());
    }

    static Duration parseRetryAfter(String header) {
        if (header == null || !header.strip().matches("\\d{1,6}")) {
            return DEFAULT_RETRY_AFTER;
        }
        return Duration.ofSeconds(Math.max(1, Long.parseLong(header.strip())));
    }

    static SlackText redact(SlackText message) {
        List<SlackText.Block> blocks = message.blocks().stream().map(block -> switch (block) {
            case SlackText.Section section -> (SlackText.Block) new SlackText.Section(Redactor.redact(section.mrkdwn()));
            case SlackText.Context context -> new SlackText.Context(Redactor.redact(context.mrkdwn()));
            case SlackText.Divider divider -> divider;
            case SlackText.Actions actions -> actions;
        }).toList();
        return new SlackText(Redactor.redact(message.text()), blocks);
    }

    private static List<LayoutBlock> blocks(SlackText message) {
        return message.blocks().stream().map(block -> switch (block) {
            case SlackText.Section section -> (LayoutBlock) SectionBlock.builder()
                    .text(MarkdownTextObject.builder().text(section.mrkdwn()).build()).build();
            case SlackText.Context context -> ContextBlock.builder()
                    .elements(List.of(MarkdownTextObject.builder().text(context.mrkdwn()).build())).build();
            case SlackText.Divider divider -> DividerBlock.builder().build();
            case SlackText.Actions actions -> ActionsBlock.builder().blockId(actions.blockId())
                    .elements(actions.buttons().stream().map(b -> (BlockElement) ButtonElement.builder()
                            .actionId(b.actionId()).value(b.value()).style(b.style())
                            .text(PlainTextObject.builder().text(b.text()).build()).build()).toList()).build();
        }).toList();
    }
}
