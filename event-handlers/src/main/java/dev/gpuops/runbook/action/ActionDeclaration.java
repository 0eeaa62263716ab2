package dev.gpuops.runbook.action;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/** What an action class declares with {@link RunbookAction}, read once per class. */
record ActionDeclaration(String key, Class<? extends Record> paramsType, String description, boolean idempotent,
                         boolean destructive) {

    private static final ClassValue<ActionDeclaration> DECLARED = new ClassValue<>() {
        @Override
        protected ActionDeclaration computeValue(Class<?> type) {
            return read(type);
        }
    };

    static ActionDeclaration of(Class<?> actionClass) {
        return DECLARED.get(actionClass);
    }

    private static ActionDeclaration read(Class<?> type) {
        RunbookAction declared = type.getAnnotation(RunbookAction.class);
        if (declared == null) {
            throw new IllegalStateException("action class " + type.getName() + " has no @RunbookAction: declare its"
                    + " key, description, idempotent and destructive there");
        }
        return new ActionDeclaration(declared.key(), paramsOf(type), declared.description(), declared.idempotent(),
                declared.destructive());
    }

    /** The {@code P} of {@code Action<P>}, from the class or the nearest superclass that names it. */
    @SuppressWarnings("unchecked")
    private static Class<? extends Record> paramsOf(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Type implemented : c.getGenericInterfaces()) {
                if (implemented instanceof ParameterizedType p && p.getRawType() == Action.class
                        && p.getActualTypeArguments()[0] instanceof Class<?> params) {
                    return (Class<? extends Record>) params;
                }
            }
        }
        throw new IllegalStateException("action class " + type.getName() + " must implement Action<P> with a"
                + " concrete parameters record P");
    }
}
