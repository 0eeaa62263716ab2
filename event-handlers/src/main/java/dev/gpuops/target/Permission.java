package dev.gpuops.target;

/** What a command needs, named after the {@code access:} list that grants it. */
public enum Permission {
    VIEW("viewers"), OPERATE("operators"), APPROVE("approvers");

    private final String group;

    Permission(String group) {
        this.group = group;
    }

    /** The {@code access:} key whose members hold this permission. */
    public String group() {
        return group;
    }
}
