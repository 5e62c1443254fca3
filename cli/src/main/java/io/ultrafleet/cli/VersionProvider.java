package io.ultrafleet.cli;

import picocli.CommandLine;

/** The version printed by {@code --version}: the jar's implementation version, when built as a jar. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"ultrafleet " + (v == null ? "development build" : v)};
    }
}
