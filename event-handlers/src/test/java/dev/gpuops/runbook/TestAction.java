package dev.gpuops.runbook;

import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepResult;

/** A small action for engine and loader tests whose behaviour is a lambda. */
public final class TestAction<P extends Record> implements Action<P> {

    @FunctionalInterface
    public interface Behaviour<P> {
        StepResult run(StepContext context, P params) throws Exception;
    }

    private final String key;
    private final Class<P> params;
    private final boolean destructive;
    private final Behaviour<P> behaviour;

    public TestAction(String key, Class<P> params, boolean destructive, Behaviour<P> behaviour) {
        this.key = key;
        this.params = params;
        this.destructive = destructive;
        this.behaviour = behaviour;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public Class<P> paramsType() {
        return params;
    }

    @Override
    public String description() {
        return "test action " + key;
    }

    @Override
    public boolean idempotent() {
        return !destructive;
    }

    @Override
    public boolean destructive() {
        return destructive;
    }

    @Override
    public StepResult execute(StepContext context, P p) throws Exception {
        return behaviour.run(context, p);
    }
}
