package io.jenkins.plugins.k6cloud.simulator;

/** Thrown by a route for a request it cannot serve as asked; answered 400 by the flavour. */
final class BadRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequestException(String message) {
        super(message);
    }
}
