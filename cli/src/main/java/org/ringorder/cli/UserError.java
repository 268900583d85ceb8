package org.ringorder.cli;

/** Bad input or a failed step the user can fix: printed as one line, exit code 2, no stack trace. */
final class UserError extends RuntimeException {
    UserError(String message) {
        super(message);
    }
}
