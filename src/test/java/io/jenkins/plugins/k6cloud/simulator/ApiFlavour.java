package io.jenkins.plugins.k6cloud.simulator;

import java.time.Duration;
import java.util.List;

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
