package io.jenkins.plugins.k6cloud.api;

import java.time.Instant;
import java.util.List;

/**
 * What differs between the two REST APIs {@link HttpK6CloudClient} speaks ({@link ApiFlavour}): the
 * word before the token in {@code Authorization}, the path and query of each request, and how the
 * answers read into the shared model ({@link TestRun}, {@link Threshold}, {@link LoadTest}).
 * Sending, retries, error mapping, the idempotency key, the safe start and the stop that meets the
 * end of a run are the client's. For start, stop and the token check a flavour names the request;
 * the reads it makes itself through a {@link Call}, which sends with the client's retries (a list
 * follows the flavour's paging, and v6 has no thresholds to ask for).
 */
sealed interface FlavourApi permits V2Api, V6Api {

    static FlavourApi of(ApiFlavour flavour) {
        return switch (flavour) {
            case V2 -> new V2Api();
            case V6 -> new V6Api();
        };
    }

    /** Sends one request with the client's retries and returns its 2xx answer. */
    @FunctionalInterface
    interface Call {
        ApiResponse send(ApiRequest request) throws K6CloudException;
    }

    /** The word before the token in {@code Authorization}: {@code Token} (v2) or {@code Bearer} (v6). */
    String authScheme();

    /** Where a person looks for a run, as messages name it. */
    String webApp();

    /**
     * Whether a start sent again with the same {@code K6-Idempotency-Key} returns the run of the
     * first (v6, documented); on v2 an ambiguous start is never sent again.
     */
    boolean resendsStartSafely();

    ApiRequest startRun(long testId);

    /** The run in the answer to a start; {@code null} when it has no readable id. */
    TestRun startedRun(ApiResponse answer) throws K6CloudException;

    ApiRequest stopRun(long runId);

    /** Whether a stop refused with {@code status} says that the run is no longer running (v6: 409). */
    boolean refusalMeansEnded(int status);

    /** A cheap authenticated request: a 2xx JSON answer means the token (and stack) work. */
    ApiRequest checkToken();

    TestRun getRun(Call call, long runId) throws K6CloudException;

    /** The thresholds of a run; empty when it has none, or the API offers none. */
    List<Threshold> getThresholds(Call call, long runId) throws K6CloudException;

    LoadTest getLoadTest(Call call, long testId) throws K6CloudException;

    /** See {@link K6CloudClient#listRuns}: every page, gathered by {@link PagedRuns}. */
    List<TestRun> listRuns(Call call, long testId, Instant createdAfter) throws K6CloudException;
}
