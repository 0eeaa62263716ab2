package dev.gpuops.runbook;

/**
 * A step's {@code with:} block does not fit its action's parameters.
 *
 * @see ParamBinder
 */
public class ParamBindingException extends IllegalArgumentException {

    private final String field;

    public ParamBindingException(String field, String message) {
        super(message);
        this.field = field == null ? "" : field;
    }

    /** The parameter at fault ({@code program}, {@code env.MODEL_ID}), or empty for the block as a whole. */
    public String field() {
        return field;
    }
}
