package io.jenkins.plugins.k6cloud.api;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.K6CloudException.AuthenticationException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.NotFoundException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.ProtocolException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.StartOutcomeUnknownException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.Rule;
import org.junit.Test;

/** What {@link HttpK6CloudClient} puts on the wire for every v6 endpoint, and what it reads back. */
public class V6WireTest {
    private static final long STACK = 4242;
    private static final String LIST_RUNS = "/cloud/v6/load_tests/5/test_runs?$orderby=created%20desc&$top=200";

    @Rule
    public final MockK6Cloud k6 = new MockK6Cloud();

    private HttpK6CloudClient client() {
        return new HttpK6CloudClient(
                ApiFlavour.V6,
                k6.http,
                k6.server.url("/").uri(),
                ApiToken.of(MockK6Cloud.TOKEN),
                k6.options().withStackId(STACK));
    }

    private static String run(long id, String status, String result, String created) {
        return "{\"id\":" + id + ",\"test_id\":5,\"status\":\"" + status + "\",\"result\":"
                + (result == null ? "null" : "\"" + result + "\"") + ",\"created\":\"" + created + "\"}";
    }

    private static void assertV6Headers(RecordedRequest r) {
        assertEquals("Bearer " + MockK6Cloud.TOKEN, r.getHeaders().get("Authorization"));
        assertEquals(Long.toString(STACK), r.getHeaders().get("X-Stack-Id"));
        assertEquals("k6-cloud-jenkins-plugin/1.2.3", r.getHeaders().get("User-Agent"));
    }

    @Test
    public void aV6ClientWithoutAStackIdIsRefusedBeforeAnyRequest() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new HttpK6CloudClient(
                        ApiFlavour.V6,
                        k6.http,
                        k6.server.url("/").uri(),
                        ApiToken.of(MockK6Cloud.TOKEN),
                        k6.options()));
        assertThat(e.getMessage(), containsString("stack id"));
        assertThat(e.getMessage(), containsString("X-Stack-Id"));
        assertEquals(0, k6.requestCount());
    }

    @Test
    public void startPostsWithBearerStackIdAndAnIdempotencyKey() throws Exception {
        k6.json(
                200,
                "{\"id\":1234,\"test_id\":5,\"status\":\"created\",\"result\":null,\"created\":"
                        + "\"2026-03-01T10:00:01Z\",\"test_run_details_page_url\":"
                        + "\"https://example.grafana.net/a/k6-app/runs/1234\"}");

        TestRun run = client().startRun(5);

        assertEquals(1234, run.id());
        assertEquals(RunStatus.CREATED, run.runStatus());
        assertEquals("https://example.grafana.net/a/k6-app/runs/1234", run.webUrl());
        RecordedRequest r = k6.take();
        assertEquals("POST", r.getMethod());
        assertEquals("/cloud/v6/load_tests/5/start", r.getTarget());
        assertV6Headers(r);
        String key = r.getHeaders().get(HttpK6CloudClient.IDEMPOTENCY_KEY);
        assertNotNull(key);
        assertTrue("1..36 characters: " + key, !key.isEmpty() && key.length() <= 36);
        assertEquals("no body: the v6 schema declares none for a start", 0, r.getBodySize());
    }

    @Test
    public void aRetriedStartSendsTheSameIdempotencyKeyAndTheNextStartANewOne() throws Exception {
        k6.respond(new MockResponse.Builder()
                .code(503)
                .body("<html>bad gateway</html>")
                .build());
        k6.json(200, run(1234, "created", null, "2026-03-01T10:00:01Z"));
        k6.json(200, run(1235, "created", null, "2026-03-01T10:00:02Z"));

        HttpK6CloudClient client = client();
        assertEquals(1234, client.startRun(5).id());
        assertEquals(1235, client.startRun(5).id());

        RecordedRequest first = k6.take();
        RecordedRequest retry = k6.take();
        RecordedRequest next = k6.take();
        assertEquals("sent again at once, without a look", "/cloud/v6/load_tests/5/start", retry.getTarget());
        String key = first.getHeaders().get(HttpK6CloudClient.IDEMPOTENCY_KEY);
        assertEquals(key, retry.getHeaders().get(HttpK6CloudClient.IDEMPOTENCY_KEY));
        assertNotEquals(key, next.getHeaders().get(HttpK6CloudClient.IDEMPOTENCY_KEY));
    }

    @Test
    public void aStartWhoseAnswerWasLostIsSentAgainWithTheSameKey() throws Exception {
        k6.dropAnswer();
        k6.json(200, run(99, "queued", null, "2026-03-01T10:00:00Z"));

        assertEquals(99, client().startRun(5).id());
        assertEquals(2, k6.requestCount());
        String key = k6.take().getHeaders().get(HttpK6CloudClient.IDEMPOTENCY_KEY);
        assertEquals(key, k6.take().getHeaders().get(HttpK6CloudClient.IDEMPOTENCY_KEY));
    }

    @Test
    public void aStartIsNeitherSentAgainNorLookedForOnceItsIdempotencyKeyMayBeForgotten() throws Exception {
        HttpK6CloudClient client = new HttpK6CloudClient(
                ApiFlavour.V6,
                k6.http,
                k6.server.url("/").uri(),
                ApiToken.of(MockK6Cloud.TOKEN),
                k6.options()
                        .withStackId(STACK)
                        .withRetryPolicy(RetryPolicy.defaults()
                                .withJitter(0)
                                .withMaxAttempts(10)
                                .withBackoff(Duration.ofMinutes(5), Duration.ofMinutes(5), 1.0)
                                .withBudget(Duration.ofHours(1))));
        k6.dropAnswer();
        k6.dropAnswer();

        StartOutcomeUnknownException e = assertThrows(StartOutcomeUnknownException.class, () -> client.startRun(5));

        assertEquals("when the first lost start was sent", MockK6Cloud.NOW, e.notBefore());
        assertThat(e.getMessage(), containsString("may have forgotten its idempotency key"));
        assertEquals("sent at 0 and 5 min, not again at 10 min; no list of runs", 2, k6.requestCount());
        assertEquals("/cloud/v6/load_tests/5/start", k6.take().getTarget());
        assertEquals("/cloud/v6/load_tests/5/start", k6.take().getTarget());
    }

    @Test
    public void readMapsTheRun() throws Exception {
        k6.json(200, V6ApiTest.ABORTED_BY_USER);

        TestRun run = client().getRun(1234);

        RecordedRequest r = k6.take();
        assertEquals("GET", r.getMethod());
        assertEquals("/cloud/v6/test_runs/1234", r.getTarget());
        assertV6Headers(r);
        assertEquals(RunStatus.ABORTED_BY_USER, run.runStatus());
    }

    @Test
    public void listFollowsNextLinkOnTheConfiguredHostOnly() throws Exception {
        k6.json(
                200,
                "{\"value\":[" + run(1, "completed", "passed", "2026-03-01T09:00:00Z") + ","
                        + run(2, "running", null, "2026-03-01T09:10:00Z") + "],\"@count\":3,"
                        + "\"@nextLink\":\"https://api.k6.io/cloud/v6/load_tests/5/test_runs?$skip=2&$top=2\"}");
        k6.json(200, "{\"value\":[" + run(3, "queued", null, "2026-03-01T09:20:00Z") + "],\"@nextLink\":null}");

        List<TestRun> runs = client().listRuns(5, null);

        assertEquals(List.of(1L, 2L, 3L), runs.stream().map(TestRun::id).collect(Collectors.toList()));
        assertEquals(LIST_RUNS, k6.take().getTarget());
        RecordedRequest second = k6.take();
        assertEquals("/cloud/v6/load_tests/5/test_runs?$skip=2&$top=2", second.getTarget());
        assertV6Headers(second);
        assertEquals(2, k6.requestCount());
    }

    @Test
    public void pagingStopsWhenAPageBringsNothingNew() throws Exception {
        String page = "{\"value\":[" + run(1, "running", null, "2026-03-01T09:00:00Z")
                + "],\"@nextLink\":\"/cloud/v6/load_tests/5/test_runs?$skip=1\"}";
        k6.json(200, page);
        k6.json(200, page);

        assertEquals(1, client().listRuns(5, null).size());
        assertEquals(LIST_RUNS, k6.take().getTarget());
        assertEquals("/cloud/v6/load_tests/5/test_runs?$skip=1", k6.take().getTarget());
        assertEquals(2, k6.requestCount());
    }

    @Test
    public void aNextLinkOutsideTheV6ApiIsAProtocolError() {
        k6.json(
                200,
                "{\"value\":[" + run(1, "running", null, "2026-03-01T09:00:00Z")
                        + "],\"@nextLink\":\"https://evil.example/steal?x=1\"}");
        ProtocolException e = assertThrows(ProtocolException.class, () -> client().listRuns(5, null));
        assertThat(e.getMessage(), containsString("next-page link"));
    }

    @Test
    public void abortIs204() throws Exception {
        k6.respond(new MockResponse.Builder().code(204).build());

        client().stopRun(77);

        RecordedRequest r = k6.take();
        assertEquals("POST", r.getMethod());
        assertEquals("/cloud/v6/test_runs/77/abort", r.getTarget());
        assertV6Headers(r);
    }

    @Test
    public void abortOfARunThatIsNoLongerRunningIsDone() throws Exception {
        k6.json(409, "{\"error\":{\"code\":\"conflict\",\"message\":\"Cannot abort a non-running test.\"}}");

        client().stopRun(77);

        assertEquals("409 needs no second look", 1, k6.requestCount());
    }

    @Test
    public void anotherRefusedAbortReadsTheRun() throws Exception {
        k6.json(400, "{\"error\":{\"code\":\"validation_error\",\"message\":\"Nope.\"}}");
        k6.json(200, run(77, "completed", "passed", "2026-03-01T09:00:00Z"));
        client().stopRun(77);
        assertEquals(2, k6.requestCount());

        k6.json(400, "{\"error\":{\"code\":\"validation_error\",\"message\":\"Nope.\"}}");
        k6.json(200, run(78, "running", null, "2026-03-01T09:00:00Z"));
        ProtocolException e = assertThrows(ProtocolException.class, () -> client().stopRun(78));
        assertThat(e.getMessage(), containsString("still Running"));
        assertThat(e.getMessage(), containsString("\"Nope.\" (code validation_error)"));
    }

    @Test
    public void tokenCheckListsOneProject() throws Exception {
        k6.json(200, "{\"value\":[{\"id\":1,\"name\":\"Default\"}]}");

        client().checkToken();

        RecordedRequest r = k6.take();
        assertEquals("/cloud/v6/projects?$top=1", r.getTarget());
        assertV6Headers(r);
    }

    @Test
    public void v6ErrorBodiesAreQuotedWithTheirStringCodes() {
        k6.json(401, "{\"error\":{\"code\":\"error\",\"message\":\"Invalid token\"}}");
        AuthenticationException auth = assertThrows(AuthenticationException.class, () -> client().checkToken());
        assertThat(auth.getMessage(), containsString("\"Invalid token\" (code error)"));
        assertThat(auth.getMessage(), containsString("configured stack"));
        assertThat(auth.getMessage(), not(containsString(MockK6Cloud.TOKEN)));

        k6.json(
                404,
                "{\"error\":{\"code\":\"not_found\",\"message\":\"Not found.\",\"target\":null,"
                        + "\"details\":[{\"message\":\"No such run\",\"code\":\"x\",\"target\":\"id\"}]}}");
        NotFoundException nf = assertThrows(NotFoundException.class, () -> client().getRun(5));
        assertThat(nf.getMessage(), containsString("\"Not found.\" (code not_found); id: No such run"));
        assertThat(nf.getMessage(), containsString("GET /cloud/v6/test_runs/5"));
    }

    @Test
    public void thresholdsAreNotOfferedByV6() throws Exception {
        assertEquals(List.of(), client().getThresholds(5));
        assertEquals(0, k6.requestCount());
    }

    @Test
    public void aLoadTestIsReadByItsId() throws Exception {
        k6.json(200, "{\"id\":12,\"project_id\":3,\"name\":\"b\",\"created\":\"2024-12-03T09:53:00.553\"}");

        assertEquals(new LoadTest(12, "b", 3L), client().getLoadTest(12));
        RecordedRequest r = k6.take();
        assertEquals("/cloud/v6/load_tests/12", r.getTarget());
        assertV6Headers(r);
    }

    @Test
    public void theTokenIsNeverShown() {
        HttpK6CloudClient client = client();
        assertThat(client.toString(), not(containsString(MockK6Cloud.TOKEN)));
        assertThat(client.toString(), containsString("stackId=4242"));
    }

    @Test
    public void recentRunsAreAskedCreatedAfterTheBoundAndPagingStopsAtTheFirstOlderRun() throws Exception {
        k6.json(
                200,
                "{\"value\":[" + run(30, "running", null, "2026-03-01T10:00:05Z") + ","
                        + run(29, "completed", "passed", "2026-03-01T08:00:00Z") + "],"
                        + "\"@nextLink\":\"https://api.k6.io/cloud/v6/load_tests/5/test_runs?$skip=2&$top=2\"}");

        List<TestRun> runs = client().listRuns(5, java.time.Instant.parse("2026-03-01T09:59:00Z"));

        assertEquals("the older run (a server ignoring created_after) is dropped", 1, runs.size());
        assertEquals(30, runs.get(0).id());
        assertEquals(
                "/cloud/v6/load_tests/5/test_runs?$orderby=created%20desc&created_after=2026-03-01T09%3A59%3A00Z"
                        + "&$top=200",
                k6.take().getTarget());
        assertEquals("no second page after an older run", 1, k6.requestCount());
    }
}
