package dev.gpuops.target;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The loaded targets file: every operable system by name, plus where each field was written. */
public final class Targets {

    private final Path source;
    private final Map<String, Target> byName;
    private final Map<String, Integer> lines;
    private final AccessPolicies access;

    public Targets(Path source, Map<String, Target> byName, Map<String, Integer> lines) {
        this(source, byName, lines, AccessPolicies.NONE);
    }

    public Targets(Path source, Map<String, Target> byName, Map<String, Integer> lines, AccessPolicies access) {
        this.access = access == null ? AccessPolicies.NONE : access;
        this.source = source;
        this.byName = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byName));
        this.lines = Map.copyOf(lines);
    }

    /** Targets built in code (tests, demos): no file, no line numbers. */
    public static Targets of(Target... targets) {
        Map<String, Target> map = new LinkedHashMap<>();
        for (Target target : targets) {
            map.put(target.name(), target);
        }
        return new Targets(Path.of("targets.yaml"), map, Map.of());
    }

    /** The same targets under other access policies (tests, demos). */
    public Targets withAccess(AccessPolicies policies) {
        return new Targets(source, byName, lines, policies);
    }

    /** The {@code access:} policies written in the file (global and per target). */
    public AccessPolicies access() {
        return access;
    }

    public Optional<Target> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    public Collection<Target> all() {
        return byName.values();
    }

    public Set<String> names() {
        return byName.keySet();
    }

    public Path source() {
        return source;
    }

    public String fileName() {
        return source.getFileName().toString();
    }

    /** The line a field was written on ({@code targets.box-1.runbooks.restart}), or 0 when unknown. */
    public int lineOf(String field) {
        return lines.getOrDefault(field, 0);
    }
}
