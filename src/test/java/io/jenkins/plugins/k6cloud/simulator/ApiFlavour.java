package io.jenkins.plugins.k6cloud.simulator;

import java.time.Duration;
import java.util.List;

/**
 * One generation of the k6 Cloud API (v2 today; v6 can be added beside it): its routes, how it
 * checks credentials and how it words errors. All flavours share the run state and the journal.
 */
interface ApiFlavour {
    List<Route> routes();

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
        INVALID;

        boolean valid() {
            return this == VALID;
        }
    }
}
