package dev.gpuops.diagnosis.eval;

/** A corpus that cannot be evaluated: a missing directory or a malformed line (the message names file:line:field). */
public final class CorpusException extends RuntimeException {

    public CorpusException(String message) {
        super(message);
    }
}
