package dev.gpuops.target;

import java.util.Map;
import java.util.Optional;

/**
 * The access policies of one targets file: the global {@code access:} section and each target's own, which replaces
 * the global one for that target. Without either, staging is {@link AccessPolicy#OPEN} and production
 * {@link AccessPolicy#READ_ONLY}.
 */
public record AccessPolicies(AccessPolicy global, Map<String, AccessPolicy> perTarget) {

    public static final AccessPolicies NONE = new AccessPolicies(null, Map.of());

    public AccessPolicies {
        perTarget = perTarget == null ? Map.of() : Map.copyOf(perTarget);
    }

    public AccessPolicy effective(Target target) {
        return written(target).orElse(target.production() ? AccessPolicy.READ_ONLY : AccessPolicy.OPEN);
    }

    /** The policy written in the file for this target (its own, else the global one), if any. */
    public Optional<AccessPolicy> written(Target target) {
        AccessPolicy own = perTarget.get(target.name());
        return Optional.ofNullable(own != null ? own : global);
    }
}
