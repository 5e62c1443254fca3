package io.ultrafleet.spec;

/** A named priority class; a higher value is served first and, later, may preempt lower ones. */
public record PriorityClassSpec(String name, int value) {}
