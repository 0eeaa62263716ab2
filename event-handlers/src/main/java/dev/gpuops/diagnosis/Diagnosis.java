package dev.gpuops.diagnosis;

import java.util.List;
import java.util.Optional;

/**
 * The diagnosis engine's explanation of a failure. An unknown result ({@link #known()} false) has a null
 * {@code patternId} and carries the last relevant lines of the evidence so a human can take over.
 *
 * @param confidence    0..1
 * @param remediation   a {@code /gpu …} command with regex captures filled in and {@code ${target}} left for the
 *                      caller (see {@link #remediationFor(String)}), or null
 * @param evidenceLines the lines that matched (or, when unknown, the last relevant ones): trimmed, prefix and ANSI
 *                      stripped, redacted
 * @param source        the evidence source of the strongest match ("docker logs image-server")
 */
public record Diagnosis(String patternId, String title, double confidence, String meaning, String fix,
                        String remediation, List<String> evidenceLines, String source) {

    public Diagnosis {
        evidenceLines = evidenceLines == null ? List.of() : List.copyOf(evidenceLines);
    }

    static Diagnosis unknown(List<String> lastRelevantLines, String source) {
        return new Diagnosis(null, "No known failure pattern", 0.0,
                "None of the catalog's failure patterns matched this evidence, so gpuops cannot say why it failed.",
                "Read the lines below and the full logs (/gpu logs <target>). If this failure comes back, add a"
                        + " pattern for it to runbooks/patterns/ so the next on-call gets a diagnosis.",
                null, lastRelevantLines, source);
    }

    public boolean known() {
        return patternId != null;
    }

    /** The remediation command for this target, when the pattern has one and every variable could be filled. */
    public Optional<String> remediationFor(String target) {
        if (remediation == null || target == null || target.isBlank()) {
            return Optional.empty();
        }
        String command = remediation.replace("${target}", target);
        return command.contains("${") ? Optional.empty() : Optional.of(command);
    }
}
