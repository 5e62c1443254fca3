package io.ultrafleet.cli;

/**
 * Logging of the long-running commands: one line per event on stderr, with the time. Ultrafleet's own lines at info,
 * the libraries' (database pool, migrations, web server) only when something is wrong.
 */
final class Logs {
    private Logs() {}

    static void configure() {
        set("org.slf4j.simpleLogger.logFile", "System.err");
        set("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        set("org.slf4j.simpleLogger.log.io.ultrafleet", "info");
        set("org.slf4j.simpleLogger.showDateTime", "true");
        set("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        set("org.slf4j.simpleLogger.showThreadName", "false");
        set("org.slf4j.simpleLogger.showShortLogName", "true");
    }

    private static void set(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
