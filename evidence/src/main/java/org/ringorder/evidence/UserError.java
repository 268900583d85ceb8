package org.ringorder.evidence;

/** Bad input or a failed step the user can fix: printed as one line, exit status 2, no stack trace. */
public final class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }
}
