package dev.gpuops.access;

/** The answer to "may this user do this here?". A refusal says what, why, and who can. */
public sealed interface AccessDecision {

    record Allowed() implements AccessDecision {
    }

    /** @param reason a complete sentence for the user: what was refused, why, and which group can do it */
    record Refused(String reason) implements AccessDecision {
    }

    default boolean allowed() {
        return this instanceof Allowed;
    }
}
