package dev.gpuops.bot.targets;

import java.util.List;
import java.util.Optional;

/** The targets gpuops may operate on, by name. */
public interface TargetDirectory {

    Optional<TargetInfo> find(String name);

    /** Every target, sorted by name. */
    List<TargetInfo> all();
}
