package dev.gpuops.sandbox.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Channel topics, pins and archive flags, and the workspace's user groups: what incident channels use. */
final class ChannelExtras {

    private final Map<String, String> topics = new ConcurrentHashMap<>();
    private final Map<String, List<String>> pins = new ConcurrentHashMap<>();
    private final Set<String> archived = ConcurrentHashMap.newKeySet();

    void topic(String channel, String topic) {
        topics.put(channel, topic);
    }

    Optional<String> topic(String channel) {
        return Optional.ofNullable(topics.get(channel));
    }

    /** @return false when the message was already pinned */
    synchronized boolean pin(String channel, String ts) {
        List<String> list = pins.computeIfAbsent(channel, c -> new ArrayList<>());
        if (list.contains(ts)) {
            return false;
        }
        list.add(ts);
        return true;
    }

    synchronized List<String> pins(String channel) {
        return List.copyOf(pins.getOrDefault(channel, List.of()));
    }

    /** @return false when it was already archived */
    boolean archive(String channel) {
        return archived.add(channel);
    }

    boolean archived(String channel) {
        return archived.contains(channel);
    }

}
