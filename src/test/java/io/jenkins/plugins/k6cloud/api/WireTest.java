package io.jenkins.plugins.k6cloud.api;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.K6CloudException.AuthenticationException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.NotFoundException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.ProtocolException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.StartOutcomeUnknownException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.Rule;
import org.junit.Test;

/** What {@link HttpK6CloudClient} puts on the wire for every endpoint of both flavours, and what it reads back. */
public class WireTest {
    private static final String RUN_SELECT =
            "$select=id,test_id,run_status,processing_status,result_status,created,started,ended,vus,duration,"
                    + "error_code,error_detail";

    @Rule
    public final MockK6Cloud k6 = new MockK6Cloud();

    /** One call of one flavour: k6 Cloud's answer (204 when empty), what the call returns, the request. */
    private record Endpoint(ApiFlavour flavour, String answer, Call call, Object expected, String request) {}

    @FunctionalInterface
    private interface Call {
        Object on(HttpK6CloudClient client) throws Exception;
    }

    @FunctionalInterface
    private interface Action {
        void on(HttpK6CloudClient client) throws Exception;
    }

    private static Call done(Action call) {
        return c -> {
            call.on(c);
            return "done";
        };
    }

    @Test
    public void everyEndpointOfBothFlavoursSendsItsRequestWithItsHeadersAndReadsItsAnswer() throws Exception {
        String v2Run = "{\"k6-run\":{\"id\":42,\"test_id\":9,\"run_status\":2,\"processing_status\":1,"
                + "\"result_status\":0,\"created\":\"2020-08-18T13:33:41\",\"started\":\"2020-08-18T13:34:04\","
                + "\"ended\":null,\"vus\":200,\"duration\":120,\"error_code\":null,\"error_detail\":null}}";
        TestRun v2Read = new TestRun(
                42,
                9L,
                2,
                1,
                0,
                Instant.parse("2020-08-18T13:33:41Z"),
                Instant.parse("2020-08-18T13:34:04Z"),
                null,
                200,
                120,
                null,
                null,
                null,
                null);
        String thresholds = "{\"k6-metrics\":[{\"id\":\"threshold_166100\"}],\"k6-thresholds\":["
                + "{\"calc_state\":{\"max_created_at\":\"2020-08-18 13:36:41.348933+00:00\"},"
                + "\"calculated_value\":22024.0,\"id\":166100,\"metric_id\":\"threshold_166100\","
                + "\"name\":\"iterations: count>200\",\"stat\":\"count\",\"tainted\":false,\"tainted_at\":null,"
                + "\"testrun_id\":42,\"value\":200.0},"
                + "{\"name\":\"http_req_duration: p(95)<500\",\"stat\":\"p(95)\",\"calculated_value\":\"612.5\","
                + "\"tainted\":\"true\"}]}";
        List<Threshold> read = List.of(
                new Threshold("iterations: count>200", "count", 22024.0, false),
                new Threshold("http_req_duration: p(95)<500", "p(95)", 612.5, true));
        String v2Test = "{\"k6-test\":{\"id\":481516,\"name\":\"Checkout flow\",\"project_id\":3001,"
                + "\"test_run_ids\":[1,2],\"script\":\"...\"}}";
        String v6Start = "{\"id\":1234,\"test_id\":5,\"status\":\"created\",\"result\":null,\"created\":"
                + "\"2026-03-01T10:00:01Z\",\"test_run_details_page_url\":\"https://k6.example/runs/1234\"}";
        String v6Test = "{\"id\":12,\"project_id\":3,\"name\":\"b\",\"created\":\"2024-12-03T09:53:00.553\"}";
        ApiFlavour v2 = ApiFlavour.V2;
        ApiFlavour v6 = ApiFlavour.V6;
        List<Endpoint> endpoints = List.of(
                new Endpoint(
                        v2,
                        MockK6Cloud.run(2342001, 481516, -2, null),
                        c -> runOf(c.startRun(481516)),
                        "2342001 of 481516 CREATED null",
                        "POST /loadtests/v2/tests/481516/start-testrun"),
                new Endpoint(v2, v2Run, c -> c.getRun(42), v2Read, "GET /loadtests/v2/runs/42?" + RUN_SELECT),
                new Endpoint(v2, v2Run, done(c -> c.stopRun(42)), "done", "POST /loadtests/v2/runs/42/stop"),
                new Endpoint(
                        v2, thresholds, c -> c.getThresholds(42), read, "GET /loadtests/v2/thresholds?test_run_id=42"),
                new Endpoint(
                        v2,
                        "{\"organizations\":[{\"id\":1}]}",
                        done(K6CloudClient::checkToken),
                        "done",
                        "GET /v3/organizations"),
                new Endpoint(
                        v2,
                        v2Test,
                        c -> c.getLoadTest(481516),
                        new LoadTest(481516, "Checkout flow", 3001L),
                        "GET /loadtests/v2/tests/481516?$select=id,name,project_id"),
                new Endpoint(
                        v6,
                        v6Start,
                        c -> runOf(c.startRun(5)),
                        "1234 of 5 CREATED https://k6.example/runs/1234",
                        "POST /cloud/v6/load_tests/5/start"),
                new Endpoint(
                        v6,
                        RunMappingTest.ABORTED_BY_USER,
                        c -> c.getRun(1234).runStatus(),
                        RunStatus.ABORTED_BY_USER,
                        "GET /cloud/v6/test_runs/1234"),
                new Endpoint(v6, "", done(c -> c.stopRun(77)), "done", "POST /cloud/v6/test_runs/77/abort"),
                new Endpoint(
                        v6,
                        "{\"value\":[{\"id\":1}]}",
                        done(K6CloudClient::checkToken),
                        "done",
                        "GET /cloud/v6/projects?$top=1"),
                new Endpoint(
                        v6, v6Test, c -> c.getLoadTest(12), new LoadTest(12, "b", 3L), "GET /cloud/v6/load_tests/12"),
                new Endpoint(v6, null, c -> c.getThresholds(5), List.of(), "none: v6 has no threshold endpoint"));
        for (Endpoint e : endpoints) {
            boolean isV2 = e.flavour() == ApiFlavour.V2;
            if (e.answer() != null) {
                k6.json(e.answer().isEmpty() ? 204 : 200, e.answer());
            }
            int before = k6.requestCount();
            assertEquals(e.request(), e.expected(), e.call().on(isV2 ? k6.client() : client()));
            if (e.answer() == null) {
                assertEquals(e.request(), before, k6.requestCount());
                continue;
            }
            RecordedRequest r = k6.take();
            assertEquals(e.request(), r.getMethod() + " " + r.getTarget());
            assertEquals("k6-cloud-jenkins-plugin/1.2.3", r.getHeaders().get("User-Agent"));
            assertEquals(
                    (isV2 ? "Token " : "Bearer ") + MockK6Cloud.TOKEN,
                    r.getHeaders().get("Authorization"));
            assertEquals(isV2 ? null : Long.toString(STACK), r.getHeaders().get("X-Stack-Id"));
            // v2's start and stop post {}; v6 declares no body for a start or an abort; a GET has none
            boolean postsJson = isV2 && r.getMethod().equals("POST");
            assertEquals(
                    e.request(),
                    postsJson ? "{}" : "",
                    r.getBody() == null ? "" : r.getBody().utf8());
            assertEquals(postsJson ? "application/json" : null, r.getHeaders().get("Content-Type"));
            if (e.request().contains("/start")) { // v2 ignores it, as k6's legacy client sends one too
                String key = r.getHeaders().get(HttpK6CloudClient.IDEMPOTENCY_KEY);
                assertTrue("1..36 characters: " + key, key != null && !key.isEmpty() && key.length() <= 36);
            }
        }
    }

    private static String runOf(TestRun r) {
        return r.id() + " of " + r.testId() + " " + r.runStatus() + " " + r.webUrl();
    }

    @Test
    public void v2ListsPageUntilMetaCountAnEmptyOrAShortPageOrAPageWithNothingNew() throws Exception {
        Object[][] cases = {
            {List.of(page(1, 50, 120), page(51, 100, 120), page(101, 120, 120)), 120},
            {List.of(page(1, 50, 500), "{\"k6-runs\":[],\"meta\":{\"count\":500}}"), 50},
            {List.of(page(1, 50, 500), page(1, 50, 500)), 50}, // the server ignores the page parameter
            {List.of(page(1, 50, -1), page(51, 60, -1)), 60} // without meta a short page ends the list
        };
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            List<String> pages = (List<String>) c[0];
            pages.forEach(body -> k6.json(200, body));
            int before = k6.requestCount();

            List<TestRun> runs = k6.client().listRuns(5, null);

            assertEquals(c[1], runs.size());
            assertEquals(
                    List.of(1L, (long) (int) c[1]),
                    List.of(runs.get(0).id(), runs.get(runs.size() - 1).id()));
            for (int page = 1; page <= pages.size(); page++) {
                assertEquals(
                        "/loadtests/v2/runs?test_id=5&page=" + page + "&page_size=50",
                        k6.take().getTarget());
            }
            assertEquals(before + pages.size(), k6.requestCount());
        }
    }

    @Test
    public void stackIdIsSentOnEveryRequestWhenConfigured() throws Exception {
        HttpK6CloudClient client = k6.client(k6.options().withStackId(98765L));
        k6.json(200, "{\"organizations\":[]}");
        k6.json(200, MockK6Cloud.run(7, 3, 2, null));

        client.checkToken();
        client.getRun(7);

        assertEquals("98765", k6.take().getHeaders().get("X-Stack-Id"));
        assertEquals("98765", k6.take().getHeaders().get("X-Stack-Id"));
    }

    @Test
    public void selectKeepsCommasAndDollarLiteralAndTheServerDecodesTheSameFields() throws Exception {
        k6.json(200, MockK6Cloud.run(42, 9, 3, null));
        k6.client().getRun(42);

        RecordedRequest r = k6.take();
        assertThat(r.getTarget(), startsWith("/loadtests/v2/runs/42?$select=id,test_id,"));
        assertEquals(String.join(",", V2Api.RUN_FIELDS), r.getUrl().queryParameter("$select"));
    }

    @Test
    public void recentRunsAreAskedNewestFirstButEveryPageIsReadSinceV2DoesNotDocumentTheOrder() throws Exception {
        StringBuilder first = new StringBuilder("{\"k6-runs\":[");
        for (int i = 0; i < 50; i++) {
            first.append(i > 0 ? "," : "")
                    .append(MockK6Cloud.runObject(1000 - i, 5, 2, "2026-03-01T10:00:" + (10 + i % 40) + "Z"));
        }
        k6.json(200, first.append("],\"meta\":{\"count\":900}}").toString());
        k6.json(
                200,
                "{\"k6-runs\":[" + MockK6Cloud.runObject(950, 5, 2, "2026-03-01T09:59:30Z") + ","
                        + MockK6Cloud.runObject(949, 5, 3, "2026-02-01T00:00:00Z") + "],\"meta\":{\"count\":900}}");
        k6.json(200, "{\"k6-runs\":[],\"meta\":{\"count\":900}}");

        List<TestRun> runs = k6.client().listRuns(5, Instant.parse("2026-03-01T09:59:00Z"));

        assertEquals("50 + 1 recent runs; the older one dropped", 51, runs.size());
        assertEquals(
                "/loadtests/v2/runs?test_id=5&order_by=-created&page=1&page_size=50",
                k6.take().getTarget());
        assertEquals(
                "/loadtests/v2/runs?test_id=5&order_by=-created&page=2&page_size=50",
                k6.take().getTarget());
        assertEquals(
                "an older run does not end the paging (the server may ignore order_by); an empty page does",
                3,
                k6.requestCount());
    }

    @Test
    public void listSkipsRunsWithoutIdAndNullEnvelopeIsEmpty() throws Exception {
        k6.json(
                200,
                "{\"k6-runs\":[{\"run_status\":3},\"junk\"," + MockK6Cloud.runObject(8, 5, 3, null)
                        + "],\"meta\":{\"count\":\"2\"}}");
        assertEquals(
                List.of(8L),
                k6.client().listRuns(5, null).stream().map(TestRun::id).toList());

        k6.json(200, "{\"k6-runs\":null}");
        assertTrue(k6.client().listRuns(5, null).isEmpty());
    }

    @Test
    public void baseUrlPathPrefixIsKeptAndUserInfoIsDropped() throws Exception {
        URI base =
                URI.create("http://someone:secret@" + k6.server.getHostName() + ":" + k6.server.getPort() + "/k6/api/");
        HttpK6CloudClient client =
                new HttpK6CloudClient(ApiFlavour.V2, k6.http, base, ApiToken.of(MockK6Cloud.TOKEN), k6.options());
        k6.json(200, MockK6Cloud.run(42, 9, 3, null));

        client.getRun(42);

        RecordedRequest r = k6.take();
        assertThat(r.getTarget(), startsWith("/k6/api/loadtests/v2/runs/42?"));
        assertEquals("Token " + MockK6Cloud.TOKEN, r.getHeaders().get("Authorization"));
        assertTrue(!client.toString().contains("secret") && !client.toString().contains("someone"));
    }

    @Test
    public void ourTimeoutsBoundEveryCallWhateverTheCallerConfigured() {
        OkHttpClient unbounded = k6.http
                .newBuilder()
                .connectTimeout(Duration.ZERO)
                .readTimeout(Duration.ZERO)
                .callTimeout(Duration.ZERO)
                .build();
        HttpK6CloudClient client = new HttpK6CloudClient(
                ApiFlavour.V2,
                unbounded,
                URI.create("https://api.k6.io"),
                ApiToken.of(MockK6Cloud.TOKEN),
                ClientOptions.defaults()
                        .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofSeconds(5)));

        OkHttpClient used = client.transport().http();
        assertEquals(3000, used.connectTimeoutMillis());
        assertEquals(4000, used.readTimeoutMillis());
        assertEquals(4000, used.writeTimeoutMillis());
        assertEquals(5000, used.callTimeoutMillis());
        assertEquals("the caller's connection pool is shared", unbounded.connectionPool(), used.connectionPool());
    }

    @Test
    public void defaultsAreTheDocumentedOnes() {
        ClientOptions d = ClientOptions.defaults();
        assertEquals(Duration.ofSeconds(10), d.connectTimeout());
        assertEquals(Duration.ofSeconds(30), d.readTimeout());
        assertEquals(Duration.ofSeconds(60), d.callTimeout());
        assertNull(d.stackId());
        assertThat(d.userAgent(), startsWith("k6-cloud-jenkins-plugin/"));
    }

    @Test
    public void badArgumentsGetClearMessages() {
        HttpK6CloudClient client = k6.client();
        assertThat(
                assertThrows(IllegalArgumentException.class, () -> client.getRun(0))
                        .getMessage(),
                startsWith("A k6 Cloud run id is a positive number"));
        assertThrows(IllegalArgumentException.class, () -> client.listRuns(-1, null));
        assertThrows(
                IllegalArgumentException.class,
                () -> new HttpK6CloudClient(
                        ApiFlavour.V2,
                        k6.http,
                        URI.create("ftp://example.com"),
                        ApiToken.of("x"),
                        ClientOptions.defaults()));
        assertThrows(
                IllegalArgumentException.class, () -> ClientOptions.defaults().withStackId(0L));
        assertEquals("no request may have been sent", 0, k6.requestCount());
    }

    @Test
    public void anyPluginVersionMakesAValidUserAgent() {
        assertEquals(
                "k6-cloud-jenkins-plugin/1.0-SNAPSHOT",
                ClientOptions.defaults()
                        .withPluginVersion(" 1.0-SNAPSHOT (private-12/01/2026 10:00-jenkins)")
                        .userAgent());
        assertEquals(
                "k6-cloud-jenkins-plugin/1.0_",
                ClientOptions.defaults().withPluginVersion("1.0\u00e9").userAgent());
        assertEquals(
                "k6-cloud-jenkins-plugin/dev",
                ClientOptions.defaults().withPluginVersion(null).userAgent());
        assertEquals(
                "k6-cloud-jenkins-plugin/dev",
                ClientOptions.defaults().withPluginVersion("  ").userAgent());
    }

    @Test
    public void unknownRunStatusKeepsItsRawCode() throws Exception {
        k6.json(200, "{\"k6-run\":{\"id\":42,\"run_status\":42,\"processing_status\":\"7\",\"result_status\":-3}}");

        TestRun run = k6.client().getRun(42);

        assertEquals(RunStatus.UNKNOWN, run.runStatus());
        assertEquals(Integer.valueOf(42), run.runStatusCode());
        assertEquals(ProcessingStatus.UNKNOWN, run.processingStatus());
        assertEquals(Integer.valueOf(7), run.processingStatusCode());
        assertEquals(ResultStatus.UNKNOWN, run.resultStatus());
        assertThat(List.of(run.resultStatusCode()), contains(-3));
    }

    /** A {@code k6-runs} page with runs {@code from..to}; {@code count} < 0 leaves out {@code meta}. */
    private static String page(int from, int to, int count) {
        StringBuilder b = new StringBuilder("{\"k6-runs\":[");
        for (int id = from; id <= to; id++) {
            b.append(id > from ? "," : "").append(MockK6Cloud.runObject(id, 5, 3, null));
        }
        b.append(']');
        if (count >= 0) {
            b.append(",\"meta\":{\"count\":").append(count).append('}');
        }
        return b.append('}').toString();
    }

    private static final long STACK = 4242;
    private static final String LIST_RUNS = "/cloud/v6/load_tests/5/test_runs?$orderby=created%20desc&$top=200";

    private HttpK6CloudClient client() {
        return k6.client(ApiFlavour.V6, k6.options().withStackId(STACK));
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
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> k6.client(ApiFlavour.V6, k6.options()));
        assertThat(e.getMessage(), containsString("stack id"));
        assertThat(e.getMessage(), containsString("X-Stack-Id"));
        assertEquals(0, k6.requestCount());
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
