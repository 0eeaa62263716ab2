package dev.gpuops.sandbox.slack;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** The sandbox workspace's state: channels, users, messages, threads, edits, command traffic. Thread-safe. */
final class SlackWorkspace {

    static final String TEAM_ID = "T0GPUOPS";
    static final String TEAM_DOMAIN = "gpuops-sandbox";
    static final String TEAM_NAME = "gpuops sandbox";
    static final String BOT_USER_ID = "U0GPUOPSBOT";
    static final String BOT_ID = "B0GPUOPS";
    static final String APP_ID = "A0GPUOPS";
    static final String DEFAULT_HUMAN = "U0ONCALL01";

    private final Clock clock;
    private final Map<String, SlackUser> users = new LinkedHashMap<>();
    private final Map<String, Conversation> channels = new LinkedHashMap<>();
    private final List<CommandResult> commands = new ArrayList<>();
    private final List<ResponseUrlPost> responses = new ArrayList<>();
    private long lastMicros;
    private long createdChannels;
    private long version;

    /** Topics, pins, archived channels and user groups (incident channels). */
    final ChannelExtras extras = new ChannelExtras();

    SlackWorkspace(Clock clock) {
        this.clock = clock;
        seed();
    }

    private void seed() {
        userGroups.put("S0ONCALL01", List.of(DEFAULT_HUMAN, "U0ONCALL02"));
        addUser(new SlackUser(BOT_USER_ID, "gpuops", "gpuops bot", true));
        addUser(new SlackUser(DEFAULT_HUMAN, "alice", "Alice Oncall", false));
        addUser(new SlackUser("U0ONCALL02", "bob", "Bob Builder", false));
        Set<String> everyone = Set.of(BOT_USER_ID, DEFAULT_HUMAN, "U0ONCALL02");
        addChannel(new Conversation("C0GPUOPS01", "gpu-ops", false, DEFAULT_HUMAN, 1_700_000_000L, everyone));
        addChannel(new Conversation("C0GPUOPS02", "gpu-alerts", false, DEFAULT_HUMAN, 1_700_000_000L, everyone));
        addChannel(new Conversation("C0GENERAL1", "general", false, DEFAULT_HUMAN, 1_700_000_000L, everyone));
    }

    private final Map<String, List<String>> userGroups = new LinkedHashMap<>();

    synchronized void userGroup(String id, List<String> members) {
        userGroups.put(id, List.copyOf(members));
    }

    synchronized Optional<List<String>> userGroup(String id) {
        return Optional.ofNullable(id == null ? null : userGroups.get(id));
    }

    synchronized void addUser(SlackUser user) {
        users.put(user.id(), user);
        version++;
    }

    private void addChannel(Conversation conversation) {
        channels.put(conversation.id, conversation);
    }

    synchronized Optional<SlackUser> user(String id) {
        return Optional.ofNullable(id == null ? null : users.get(id));
    }

    synchronized List<SlackUser> users() {
        return List.copyOf(users.values());
    }

    /** Resolves a channel id, {@code #name} or bare name, as chat.postMessage accepts all three. */
    synchronized Optional<SlackChannel> channel(String idOrName) {
        return find(idOrName).map(Conversation::snapshot);
    }

    synchronized List<SlackChannel> channels() {
        return channels.values().stream().map(Conversation::snapshot).toList();
    }

    synchronized boolean nameTaken(String name) {
        return channels.values().stream().anyMatch(c -> c.name.equals(name));
    }

    synchronized SlackChannel createChannel(String name, boolean isPrivate, String creator) {
        String id = "C1" + String.format("%09d", ++createdChannels);
        Conversation conversation = new Conversation(id, name, isPrivate, creator, clock.instant().getEpochSecond(),
                Set.of(creator));
        addChannel(conversation);
        version++;
        return conversation.snapshot();
    }

    synchronized SlackChannel addMembers(String channelId, Collection<String> userIds) {
        Conversation conversation = channels.get(channelId);
        conversation.members.addAll(userIds);
        version++;
        return conversation.snapshot();
    }

    synchronized SlackMessage post(NewMessage message) {
        Conversation conversation = channels.get(message.channel());
        String threadTs = message.threadTs() == null ? null : threadRoot(conversation, message.threadTs());
        Stored stored = new Stored(message.channel(), nextTs(), threadTs, message.user(), message.botId(),
                message.text(), message.blocksJson(), message.replyBroadcast(), message.ephemeralTo());
        conversation.messages.add(stored);
        version++;
        return stored.snapshot();
    }

    /** Slack files a reply to a reply under the original parent. */
    private static String threadRoot(Conversation conversation, String threadTs) {
        return conversation.byTs(threadTs).map(s -> s.threadTs == null ? s.ts : s.threadTs).orElse(threadTs);
    }

    /** Message metadata (chat.postMessage {@code metadata}) as JSON, by channel id and ts. */
    private final java.util.Map<String, String> metadata = new java.util.HashMap<>();

    synchronized void attachMetadata(String channelId, String ts, String metadataJson) {
        metadata.put(channelId + "/" + ts, metadataJson);
    }

    /** The metadata a message was posted with, as JSON. */
    public synchronized Optional<String> metadata(String channelId, String ts) {
        return Optional.ofNullable(metadata.get(channelId + "/" + ts));
    }

    synchronized boolean threadExists(String channelId, String threadTs) {
        return find(channelId).flatMap(c -> c.byTs(threadTs)).filter(s -> s.ephemeralTo == null).isPresent();
    }

    synchronized SlackMessage update(String channelId, String ts, String text, String blocksJson) {
        Stored stored = channels.get(channelId).byTs(ts).orElseThrow();
        stored.edits.add(stored.text);
        stored.text = text;
        if (blocksJson != null) {
            stored.blocksJson = blocksJson;
        }
        version++;
        return stored.snapshot();
    }

    synchronized Optional<SlackMessage> message(String channelId, String ts) {
        return find(channelId).flatMap(c -> c.byTs(ts)).filter(s -> s.ephemeralTo == null).map(Stored::snapshot);
    }

    /** Top-level messages (and broadcast replies) in posting order, as the channel shows them. */
    synchronized List<SlackMessage> channelMessages(String channelId) {
        return select(channelId, s -> s.ephemeralTo == null && (s.threadTs == null || s.replyBroadcast));
    }

    synchronized List<SlackMessage> replies(String channelId, String threadTs) {
        return select(channelId, s -> s.ephemeralTo == null && threadTs.equals(s.threadTs) && !s.ts.equals(threadTs));
    }

    synchronized List<SlackMessage> ephemerals(String channelId) {
        return select(channelId, s -> s.ephemeralTo != null);
    }

    synchronized List<SlackMessage> allMessages(String channelId) {
        return select(channelId, s -> true);
    }

    private List<SlackMessage> select(String channelId, Predicate<Stored> filter) {
        return find(channelId).map(c -> c.messages.stream().filter(filter).map(Stored::snapshot).toList())
                .orElse(List.of());
    }

    synchronized void recordCommand(CommandResult result) {
        commands.add(result);
        version++;
    }

    synchronized List<CommandResult> commands() {
        return List.copyOf(commands);
    }

    synchronized void recordResponse(ResponseUrlPost post) {
        responses.add(post);
        version++;
    }

    synchronized List<ResponseUrlPost> responses() {
        return List.copyOf(responses);
    }

    /** Bumps whenever anything visible changes, so the console can skip re-rendering. */
    synchronized long version() {
        return version;
    }

    Instant now() {
        return clock.instant();
    }

    /** Slack ts: epoch seconds with six digits of microseconds, strictly increasing within the workspace. */
    private String nextTs() {
        Instant now = clock.instant();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        lastMicros = Math.max(micros, lastMicros + 1);
        return String.format("%d.%06d", lastMicros / 1_000_000L, lastMicros % 1_000_000L);
    }

    private Optional<Conversation> find(String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            return Optional.empty();
        }
        Conversation byId = channels.get(idOrName);
        if (byId != null) {
            return Optional.of(byId);
        }
        String name = idOrName.startsWith("#") ? idOrName.substring(1) : idOrName;
        return channels.values().stream().filter(c -> c.name.equals(name)).findFirst();
    }

    /** What a Web API call or a command reply adds to a channel. */
    record NewMessage(String channel, String user, String botId, String text, String blocksJson, String threadTs,
                      boolean replyBroadcast, String ephemeralTo) {
    }

    private static final class Conversation {
        final String id;
        final String name;
        final boolean isPrivate;
        final String creator;
        final long created;
        final Set<String> members;
        final List<Stored> messages = new ArrayList<>();

        Conversation(String id, String name, boolean isPrivate, String creator, long created, Set<String> members) {
            this.id = id;
            this.name = name;
            this.isPrivate = isPrivate;
            this.creator = creator;
            this.created = created;
            this.members = new LinkedHashSet<>(members);
        }

        Optional<Stored> byTs(String ts) {
            return messages.stream().filter(s -> s.ts.equals(ts)).findFirst();
        }

        SlackChannel snapshot() {
            return new SlackChannel(id, name, isPrivate, creator, created, members);
        }
    }

    private static final class Stored {
        final String channel;
        final String ts;
        final String threadTs;
        final String user;
        final String botId;
        final boolean replyBroadcast;
        final String ephemeralTo;
        final List<String> edits = new ArrayList<>();
        String text;
        String blocksJson;

        Stored(String channel, String ts, String threadTs, String user, String botId, String text, String blocksJson,
               boolean replyBroadcast, String ephemeralTo) {
            this.channel = channel;
            this.ts = ts;
            this.threadTs = threadTs;
            this.user = user;
            this.botId = botId;
            this.text = text;
            this.blocksJson = blocksJson;
            this.replyBroadcast = replyBroadcast;
            this.ephemeralTo = ephemeralTo;
        }

        SlackMessage snapshot() {
            return new SlackMessage(channel, ts, threadTs, user, botId, text, blocksJson, edits, replyBroadcast,
                    ephemeralTo);
        }
    }
}
