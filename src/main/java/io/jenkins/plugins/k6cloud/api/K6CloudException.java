package io.jenkins.plugins.k6cloud.api;

/**
 * A call to k6 Cloud that did not give the expected answer. The message says what happened and
 * what to do, names the request (method and path) and never contains the token. Subclasses tell
 * the engine whether trying again may help ({@link #isTransient()}).
 */
public class K6CloudException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String request;
    private final int httpStatus;
    private final boolean transientError;
    private final boolean configurationError;

    /**
     * @param message what happened and what to do about it
     * @param request the request, as {@code "GET /loadtests/v2/runs/42"}, or {@code null}
     * @param httpStatus the HTTP status, or 0 when no response arrived
     */
    public K6CloudException(String message, String request, int httpStatus, Throwable cause) {
        this(message, request, httpStatus, cause, false, false);
    }

    /** The subclasses say here whether the error is transient and whether it is a configuration error. */
    private K6CloudException(
            String message,
            String request,
            int httpStatus,
            Throwable cause,
            boolean transientError,
            boolean configurationError) {
        super(message, cause);
        this.request = request;
        this.httpStatus = httpStatus;
        this.transientError = transientError;
        this.configurationError = configurationError;
    }

    /** The request as {@code "METHOD /path"}, or {@code null}. */
    public String request() {
        return request;
    }

    /** The HTTP status of the response, or 0 when none arrived. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Whether the same request may succeed later (transport errors, rate limits, server errors). */
    public boolean isTransient() {
        return transientError;
    }

    /**
     * Whether the answer shows a setting to fix rather than a failure of k6 Cloud or of a run: the
     * token or the stack id (401, 403), the load test id (404), or the API URL (a redirect, an
     * answer that is not the k6 Cloud API).
     */
    public boolean isConfigurationError() {
        return configurationError;
    }

    /**
     * A setting that cannot work, found before any request was sent (or before it reached k6 Cloud):
     * a script upload with the v2 API selected, a script that cannot be read. Not transient.
     */
    public static final class ConfigurationException extends K6CloudException {
        private static final long serialVersionUID = 1L;

        public ConfigurationException(String message, String request, Throwable cause) {
            super(message, request, 0, cause, false, true);
        }
    }

    /** 401 or 403: the token is wrong, revoked, or lacks access to this test or stack. */
    public static final class AuthenticationException extends K6CloudException {
        private static final long serialVersionUID = 1L;

        public AuthenticationException(String message, String request, int httpStatus) {
            super(message, request, httpStatus, null, false, true);
        }
    }

    /** 404: no such load test or run, or the token cannot see it. */
    public static final class NotFoundException extends K6CloudException {
        private static final long serialVersionUID = 1L;

        public NotFoundException(String message, String request) {
            super(message, request, 404, null, false, true);
        }
    }

    /** 429: too many requests; {@link #retryAfterMillis()} says how long k6 Cloud asked us to wait. */
    public static final class RateLimitedException extends K6CloudException {
        private static final long serialVersionUID = 1L;
        private final long retryAfterMillis;

        public RateLimitedException(String message, String request, long retryAfterMillis) {
            super(message, request, 429, null, true, false);
            this.retryAfterMillis = retryAfterMillis;
        }

        /** The {@code Retry-After} delay in milliseconds, or -1 when the response had none. */
        public long retryAfterMillis() {
            return retryAfterMillis;
        }
    }

    /** 5xx: k6 Cloud (or a proxy in front of it) failed. */
    public static final class ServerException extends K6CloudException {
        private static final long serialVersionUID = 1L;

        public ServerException(String message, String request, int httpStatus) {
            super(message, request, httpStatus, null, true, false);
        }
    }

    /** No usable response: connection refused or reset, DNS failure, connect/read/call timeout. */
    public static final class TransportException extends K6CloudException {
        private static final long serialVersionUID = 1L;

        public TransportException(String message, String request, Throwable cause) {
            super(message, request, 0, cause, true, false);
        }
    }

    /**
     * A response that is not what the API documents (a 2xx body we cannot read, a redirect, an
     * unexpected status). Not transient, with one exception: a 2xx whose body starts like JSON but
     * cannot be read, answering a read ({@code GET}), is taken for an answer a proxy cut short and is
     * transient, so that the engine reads again within its error budget. An HTML page or other text
     * is not: it comes from a server that is not the k6 Cloud API, and asking again will not help. Answering a start it is
     * never transient: the start was accepted, so its run is looked for, and the start is not sent
     * again ({@link Retrier#start}).
     */
    public static final class ProtocolException extends K6CloudException {
        private static final long serialVersionUID = 1L;

        public ProtocolException(String message, String request, int httpStatus, Throwable cause) {
            this(message, request, httpStatus, cause, false);
        }

        /** @param transientAnswer whether the same request may get a readable answer later (see the class) */
        public ProtocolException(
                String message, String request, int httpStatus, Throwable cause, boolean transientAnswer) {
            this(message, request, httpStatus, cause, transientAnswer, false);
        }

        private ProtocolException(
                String message,
                String request,
                int httpStatus,
                Throwable cause,
                boolean transientAnswer,
                boolean notK6Api) {
            super(message, request, httpStatus, cause, transientAnswer, notK6Api);
        }

        /**
         * An answer the k6 Cloud API never gives (a redirect, an HTML page, a body far too large): the
         * API URL leads elsewhere. Not transient; a {@linkplain #isConfigurationError() configuration error}.
         */
        public static ProtocolException notK6Api(String message, String request, int httpStatus) {
            return new ProtocolException(message, request, httpStatus, null, false, true);
        }
    }

    /**
     * The calling thread was interrupted (typically: the build was aborted) during a call or during
     * the pause before the next attempt. Not transient: the caller is being asked to stop.
     */
    public static final class InterruptedCallException extends K6CloudException {
        private static final long serialVersionUID = 1L;

        public InterruptedCallException(String message, String request, Throwable cause) {
            super(message, request, 0, cause);
        }
    }

    /**
     * A start request whose outcome is unknown: its answer was lost (or was a 5xx, or unreadable) and
     * the client may not send it again; the caller looks for the run. A run of the test may be running
     * without the plugin knowing it; not transient, so that nobody starts another one blindly.
     */
    public static final class StartOutcomeUnknownException extends K6CloudException {
        private static final long serialVersionUID = 1L;
        private final long testId;
        private final java.time.Instant notBefore;

        /**
         * @param testId the load test that was being started
         * @param notBefore a run of that test created after this instant may be ours
         */
        public StartOutcomeUnknownException(
                String message, String request, long testId, java.time.Instant notBefore, K6CloudException cause) {
            super(message, request, cause == null ? 0 : cause.httpStatus(), cause);
            this.testId = testId;
            this.notBefore = notBefore;
        }

        public long testId() {
            return testId;
        }

        public java.time.Instant notBefore() {
            return notBefore;
        }
    }
}
