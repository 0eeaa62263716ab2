package dev.gpuops.diagnosis;

import dev.gpuops.runbook.action.Evidence;
import java.util.List;
import java.util.Optional;

/**
 * What the runbook engine calls when a step fails: the evidence the step recorded in, one diagnosis out. A failure
 * with evidence always gets an answer (a known pattern, or "no known pattern" with the last relevant lines); only a
 * failure with no evidence at all gets none, because there is nothing honest to say.
 */
public final class CatalogFailureAnalyzer {

    private final FailureDiagnoser diagnoser;

    public CatalogFailureAnalyzer(PatternCatalog catalog) {
        this.diagnoser = new FailureDiagnoser(catalog);
    }

    public CatalogFailureAnalyzer(FailureDiagnoser diagnoser) {
        this.diagnoser = diagnoser;
    }

    public Optional<Diagnosis> analyze(List<Evidence> evidence) {
        return explain(evidence).map(Conclusion::best);
    }

    /** Like {@link #analyze}, with the runner-ups close enough to name as "also possible". */
    public Optional<Conclusion> explain(List<Evidence> evidence) {
        if (evidence == null || evidence.stream().allMatch(e -> e.text() == null || e.text().isBlank())) {
            return Optional.empty();
        }
        return Optional.of(diagnoser.explain(evidence));
    }
}
