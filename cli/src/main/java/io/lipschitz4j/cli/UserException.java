package io.lipschitz4j.cli;

/** A problem with what the user gave us (file, flag, value): exit code 1 and a one-line message. */
public final class UserException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserException(String message) { super(message); }

    public UserException(String message, Throwable cause) { super(message, cause); }
}
