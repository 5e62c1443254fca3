package io.ultrafleet.cli;

import io.ultrafleet.cli.bench.ChildJvm;
import java.util.List;

/** The child JVMs of the {@code bench} commands that run their benchmarks out of process. */
final class BenchJvms {
    private BenchJvms() {}

    /** Child JVMs on {@code classpath}, or on this build's benchmark jar when it is null. */
    static ChildJvm of(String classpath, List<String> jvmArgs) {
        String cp = classpath;
        if (cp == null) {
            try {
                cp = ChildJvm.defaultClasspath();
            } catch (IllegalStateException e) {
                throw new BadInputException(e.getMessage());
            }
        }
        return new ChildJvm(cp, jvmArgs);
    }
}
