package dev.gpuops.sandbox.slack;

/** A member of the sandbox workspace. */
public record SlackUser(String id, String name, String realName, boolean isBot) {
}
