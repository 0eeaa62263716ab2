package dev.gpuops.diagnosis.eval;

/**
 * One labelled log excerpt of an evaluation corpus: a line of a {@code *.jsonl} file.
 *
 * @param label  the pattern id a correct diagnosis names, or null for a healthy/irrelevant log (a negative)
 * @param source where the excerpt was quoted from (an issue URL)
 * @param split  {@code dev} (used while writing patterns) or {@code holdout} (kept out of pattern development)
 * @param origin file:line of the sample, for messages
 */
public record CorpusSample(String text, String label, String source, String split, String origin) {

    public static final String DEV = "dev";
    public static final String HOLDOUT = "holdout";

    public boolean negative() {
        return label == null;
    }
}
