package dev.gpuops.provider.ssh;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Parsed {@code supervisorctl status}.
 *
 * @param unknownNames names supervisorctl answered with {@code ERROR (no such process)} / {@code (no such group)}
 * @param exitCode     0 all running, 3 some not running, 4 some name unknown
 * @param output       the raw output, for evidence
 */
public record StatusReport(List<ProgramStatus> programs, List<String> unknownNames, int exitCode, String output)
        implements StatusResult {

    public StatusReport {
        programs = List.copyOf(programs);
        unknownNames = List.copyOf(unknownNames);
    }

    public Optional<ProgramStatus> program(String name) {
        return programs.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public boolean allRunning() {
        return unknownNames.isEmpty() && programs.stream().allMatch(ProgramStatus::running);
    }

    /** Expected programs that are not RUNNING, including those supervisord does not know at all. */
    public List<String> notRunning(Collection<String> expected) {
        return expected.stream()
                .filter(name -> program(name).map(p -> !p.running()).orElse(true))
                .toList();
    }
}
