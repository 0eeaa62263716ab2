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
}
