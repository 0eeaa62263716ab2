package dev.gpuops.diagnosis;

import java.util.List;

/**
 * What the diagnosis engine concludes from a failure: the best explanation and, when the evidence does not settle
 * it, the runner-ups close behind it ("also possible: …"). {@code alsoPossible} is empty when the best is clear.
 */
public record Conclusion(Diagnosis best, List<Diagnosis> alsoPossible) {

    public Conclusion {
        alsoPossible = alsoPossible == null ? List.of() : List.copyOf(alsoPossible);
    }
}
