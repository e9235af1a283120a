package io.jenkins.plugins.k6cloud.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One generation of the k6 Cloud API (v2 and v6, on their own paths): its routes, how it checks
 * credentials and how it words errors. All flavours share the run state and the journal.
 */
interface ApiFlavour {
    List<Route> routes();

    /** Whether {@code path} is in this flavour's part of the URL space (for the 404 of an unknown path). */
    default boolean owns(String path) {
        return false;
    }

    /** Whether the request carries credentials this flavour accepts. */
    AuthResult authenticate(SimRequest request);

    SimResponse unauthorized(AuthResult result);

    SimResponse notFound();

    SimResponse methodNotAllowed();

    SimResponse rateLimited(Duration retryAfter);

    SimResponse badRequest(String message);

    SimResponse internalError(String message);

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
