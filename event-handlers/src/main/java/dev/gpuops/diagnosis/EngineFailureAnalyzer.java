package dev.gpuops.diagnosis;

import dev.gpuops.event.Events;
import dev.gpuops.event.FailureDiagnosed;
import dev.gpuops.provider.support.Redactor;
import dev.gpuops.runbook.engine.FailedRun;
import dev.gpuops.runbook.engine.FailureAnalyzer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The runbook engine's {@link FailureAnalyzer}, answered by the failure-pattern catalog: everything a failed run
 * collected goes in, one {@link FailureDiagnosed} comes out for its thread. A known pattern is posted with its title,
 * meaning, fix and the {@code /gpu …} remediation filled in for the target, plus the close runner-ups; otherwise the
 * last relevant lines, so a human can take over. A run that collected no evidence gets no diagnosis, because there is nothing honest to say.
 */
public final class EngineFailureAnalyzer implements FailureAnalyzer {

    private final CatalogFailureAnalyzer catalog;

    public EngineFailureAnalyzer(PatternCatalog catalog) {
        this.catalog = new CatalogFailureAnalyzer(catalog);
    }

    /** Loads and validates the catalog at {@code patternsDir} ({@code runbooks/patterns}). */
    public static EngineFailureAnalyzer load(Path patternsDir) {
        return new EngineFailureAnalyzer(PatternCatalog.load(patternsDir));
    }

    @Override
    public Optional<FailureDiagnosed> analyze(FailedRun failure) {
        return catalog.explain(failure.evidence()).map(conclusion -> event(failure, conclusion));
    }

    private static FailureDiagnosed event(FailedRun failure, Conclusion conclusion) {
        Diagnosis diagnosis = conclusion.best();
        String target = failure.target().name();
        String meaning = diagnosis.known() ? diagnosis.title() + ". " + diagnosis.meaning() : diagnosis.meaning();
        List<String> evidence = diagnosis.evidenceLines().stream().map(Redactor::redact).toList();
        return new FailureDiagnosed(Events.newEventId(), failure.failedAt(), target, failure.runId(),
                failure.stepId(), diagnosis.patternId(), diagnosis.confidence(), Redactor.redact(meaning),
                Redactor.redact(diagnosis.fix()), evidence, diagnosis.remediationFor(target).orElse(null),
                conclusion.alsoPossible().stream().map(d -> new FailureDiagnosed.Alternative(d.patternId(), d.title(),
                        d.confidence())).toList());
    }
}
