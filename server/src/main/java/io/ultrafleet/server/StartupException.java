package io.ultrafleet.server;

/**
 * The server cannot start as asked: a database it cannot reach or use, a data folder it cannot write, a port in use.
 * The message is one line in the user's words; the command line prints it and exits with status 2.
 */
public final class StartupException extends RuntimeException {
    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
