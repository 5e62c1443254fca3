package io.ultrafleet.cli;

/** Input the command cannot use; its message is printed as is and the exit code is 2. */
class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadInputException(String message) {
        super(message);
    }
}
