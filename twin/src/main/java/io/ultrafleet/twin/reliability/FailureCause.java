package io.ultrafleet.twin.reliability;

import java.util.Objects;

/**
 * One cause of an unexpected interruption: its name, the component class it is attributed to, what it takes down,
 * and its share of all interruptions (a fraction in [0, 1]).
 */
public record FailureCause(String name, ComponentClass componentClass, BlastRadius blastRadius, double share) {
    public FailureCause {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(componentClass, "componentClass");
        Objects.requireNonNull(blastRadius, "blastRadius");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a failure cause needs a name");
        }
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("share of '" + name + "' must be in [0, 1], found " + share);
        }
    }
}
