package io.jenkins.plugins.k6cloud.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * Something going wrong on one request, armed with {@link FaultPlan#inject}. Create them with the
 * static factories.
 *
 * @param kind what goes wrong
 * @param duration the wall-clock delay ({@link Kind#LATENCY}) or the Retry-After ({@link Kind#RATE_LIMITED})
 * @param status the HTTP status of a {@link Kind#SERVER_ERROR}
 */
public record Fault(Kind kind, Duration duration, int status) {

    /** The kinds of faults. */
    public enum Kind {
        /** A real wall-clock delay before the request is handled normally. */
        LATENCY,
        /** 429 with a {@code Retry-After} header (whole seconds) and a JSON body. */
        RATE_LIMITED,
        /** A 5xx with an HTML body, as a proxy in front of the API would send. */
        SERVER_ERROR,
        /** The connection is closed without any response. */
        DROP_CONNECTION,
        /** 200 with a body that is not valid JSON. */
        MALFORMED_JSON,
        /**
         * START only: the run is created, then the connection is closed without a response; likewise the load test is
         * created ({@code CREATE_TEST}), the script replaced ({@code SCRIPT}) or the note set ({@code NOTE}) before the
         * connection is closed.
         */
        START_THEN_DROP,
        /** STOP only: the run ends by itself exactly as the stop arrives, so the stop finds it ended. */
        STOP_RACES_FINISH,
        /** 401 "Invalid token." although the token is valid (a token revoked mid-run). */
        UNAUTHORIZED,
        /** 404 with the flavour's "not found" error, as for an endpoint that does not know the run. */
        NOT_FOUND
    }

    public Fault {
        Objects.requireNonNull(kind, "kind");
        duration = duration == null ? Duration.ZERO : duration;
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a fault duration must not be negative: " + duration);
        }
    }

    /** Delays the response by {@code delay} of real time (keep it small: the server thread sleeps). */
    public static Fault latency(Duration delay) {
        return new Fault(Kind.LATENCY, delay, 0);
    }

    /** 429 Too Many Requests with {@code Retry-After: <seconds>}. */
    public static Fault rateLimited(Duration retryAfter) {
        return new Fault(Kind.RATE_LIMITED, retryAfter, 429);
    }

    /** A 5xx (500..599) with an HTML body. */
    public static Fault serverError(int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("a server error status is 500..599, not " + status);
        }
        return new Fault(Kind.SERVER_ERROR, Duration.ZERO, status);
    }

    /** 502 Bad Gateway with an HTML body. */
    public static Fault badGateway() {
        return serverError(502);
    }

    public static Fault dropConnection() {
        return new Fault(Kind.DROP_CONNECTION, Duration.ZERO, 0);
    }

    public static Fault malformedJson() {
        return new Fault(Kind.MALFORMED_JSON, Duration.ZERO, 200);
    }

    /** For {@link Endpoint#START}: the run is created but the response never arrives. */
    public static Fault startThenDrop() {
        return new Fault(Kind.START_THEN_DROP, Duration.ZERO, 0);
    }

    /** For {@link Endpoint#STOP}: the run finishes by itself exactly as the stop arrives. */
    public static Fault stopRacesFinish() {
        return new Fault(Kind.STOP_RACES_FINISH, Duration.ZERO, 0);
    }

    /** 401 {@code {"error":{"message":"Invalid token.","code":6}}} although the token is valid. */
    public static Fault unauthorized() {
        return new Fault(Kind.UNAUTHORIZED, Duration.ZERO, 401);
    }

    /** 404 with the flavour's "not found" error body. */
    public static Fault notFound() {
        return new Fault(Kind.NOT_FOUND, Duration.ZERO, 404);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case LATENCY, RATE_LIMITED -> kind + "(" + duration.toMillis() + "ms)";
            case SERVER_ERROR -> kind + "(" + status + ")";
            default -> kind.toString();
        };
    }
}
