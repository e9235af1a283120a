package io.jenkins.plugins.k6cloud.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One generation of the k6 Cloud API (v2 and v6, on their own paths): its routes, how it checks credentials and how it
 * words errors.
 */
interface SimFlavour {
    List<Route> routes();

    /** Whether {@code path} is in this flavour's part of the URL space (for the 404 of an unknown path). */
    default boolean owns(String path) {
        return false;
    }

    /** Whether the request carries credentials this flavour accepts. */
    AuthResult authenticate(SimRequest request);

    // the answers of a failed request, as v6 words them (v2 words its own)

    default SimResponse unauthorized(AuthResult result) {
        return switch (result) {
            case STACK_MISSING -> V6Errors.error(400, V6Errors.VALIDATION, "The X-Stack-Id header is required.");
            case STACK_DENIED ->
                V6Errors.error(403, V6Errors.PERMISSION_DENIED, "You do not have permission to perform this action.");
            default -> V6Errors.invalidToken();
        };
    }

    default SimResponse notFound() {
        return V6Errors.notFound();
    }

    default SimResponse methodNotAllowed() {
        return V6Errors.error(405, V6Errors.ERROR, "Method not allowed.");
    }

    default SimResponse rateLimited(Duration retryAfter) {
        return V6Errors.error(429, V6Errors.THROTTLED, "Request was throttled.")
                .withHeader("Retry-After", Long.toString(retryAfterSeconds(retryAfter)));
    }

    default SimResponse badRequest(String message) {
        return V6Errors.error(400, V6Errors.VALIDATION, message);
    }

    default SimResponse internalError(String message) {
        return V6Errors.error(500, V6Errors.ERROR, message);
    }

    /** Checks {@code Authorization: <scheme> <token>} (scheme case-insensitive) against the known tokens. */
    static AuthResult checkAuthorization(SimRequest request, String scheme, Set<String> tokens) {
        String header = request.header("Authorization");
        if (header == null || header.isBlank()) {
            return AuthResult.MISSING;
        }
        String[] parts = header.strip().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase(scheme)) {
            return AuthResult.INVALID;
        }
        return tokens.contains(parts[1].strip()) ? AuthResult.VALID : AuthResult.INVALID;
    }

    /** A {@code Retry-After} delay in whole seconds, rounded up. */
    static long retryAfterSeconds(Duration retryAfter) {
        return Math.max(0, (retryAfter.toMillis() + 999) / 1000);
    }

    /** The outcome of a credentials check. */
    enum AuthResult {
        VALID,
        MISSING,
        INVALID,
        /** v6: a valid token without the required {@code X-Stack-Id}. */
        STACK_MISSING,
        /** v6: a valid token with an {@code X-Stack-Id} it may not use. */
        STACK_DENIED;

        boolean valid() {
            return this == VALID;
        }
    }
}
