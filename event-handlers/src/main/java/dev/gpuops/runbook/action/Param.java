package dev.gpuops.runbook.action;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Documents one parameter of an action's params record; read to generate the actions reference. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD})
public @interface Param {

    String value();

    boolean required() default false;

    /** Default as written in YAML, for docs; the record applies it. */
    String defaultValue() default "";

    /**
     * Marks a params component whose own record components are written at the same level of {@code with:}
     * (e.g. {@code SshAddress ssh} binds {@code host}, {@code port} and {@code user}); the binder, the load-time
     * checks and the actions reference all see the flattened names.
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD})
    @interface Flatten {
    }
}
