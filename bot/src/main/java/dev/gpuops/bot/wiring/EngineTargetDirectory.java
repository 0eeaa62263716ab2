package dev.gpuops.bot.wiring;

import dev.gpuops.bot.targets.TargetDirectory;
import dev.gpuops.bot.targets.TargetInfo;
import dev.gpuops.target.Target;
import dev.gpuops.target.Targets;
import dev.gpuops.target.TargetsLoader;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The ingress view of the same validated targets the handlers run against. */
public final class EngineTargetDirectory implements TargetDirectory {

    private final Targets targets;
    /** Targets never change after loading; sorted once, since {@code /gpu help} lists them on every call. */
    private final List<TargetInfo> sorted;

    public EngineTargetDirectory(Targets targets) {
        this.targets = targets;
        this.sorted = targets.all().stream().map(EngineTargetDirectory::info)
                .sorted(Comparator.comparing(TargetInfo::name)).toList();
    }

    /** Loads and validates a targets file exactly as the handlers do. */
    public static EngineTargetDirectory load(Path file) {
        return new EngineTargetDirectory(new TargetsLoader().load(file));
    }

    @Override
    public Optional<TargetInfo> find(String name) {
        return targets.find(name).map(EngineTargetDirectory::info);
    }

    @Override
    public List<TargetInfo> all() {
        return sorted;
    }

    private static TargetInfo info(Target t) {
        List<String> programs = t.supervisor() == null ? List.of() : t.supervisor().programs();
        TargetInfo.GithubWatch github = t.github() == null ? null : new TargetInfo.GithubWatch(
                t.github().repo(), t.github().workflow(), t.github().branch(), t.github().tag());
        return new TargetInfo(t.name(), t.provider(), t.channel(), programs, t.image(), github);
    }
}
