package io.jenkins.plugins.k6cloud.api;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.k6cloud.api.K6CloudException.AuthenticationException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.NotFoundException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.ProtocolException;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.Rule;
import org.junit.Test;

/** Stop: 2xx is accepted; a refusal is fine when the run has ended anyway. */
public class StopRunTest {

    @Rule
    public final MockK6Cloud k6 = new MockK6Cloud();

    @Test
    public void anySuccessOrARefusalForARunThatHasEndedCountsAsDone() throws Exception {
        k6.respond(new MockResponse.Builder().code(204).build());
        k6.respond(new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "text/html")
                .body("<p>ok</p>")
                .build());
        k6.json(400, "{\"error\":{\"message\":\"Test run is not running.\",\"code\":2}}");
        k6.json(200, MockK6Cloud.run(42, 9, 3, "2026-03-01T09:00:00Z"));
        k6.json(409, "{\"error\":{\"message\":\"Cannot abort a non-running test.\",\"code\":\"conflict\"}}");
        k6.json(200, MockK6Cloud.run(42, 9, 5, null));

        for (int stop = 0; stop < 4; stop++) {
            k6.client().stopRun(42);
        }

        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            RecordedRequest r = k6.take();
            seen.add(r.getMethod() + " " + r.getUrl().encodedPath());
        }
        String stop = "POST /loadtests/v2/runs/42/stop";
        String read = "GET /loadtests/v2/runs/42";
        assertEquals(
                "a refusal (v2 knows none for an ended run) reads the run",
                List.of(stop, stop, stop, read, stop, read),
                seen);
    }

    @Test
    public void v6AbortOfARunNoLongerRunningIsDoneAtOnceAndAnotherRefusalReadsTheRun() throws Exception {
        HttpK6CloudClient client = k6.client(ApiFlavour.V6, k6.options().withStackId(4242L));
        k6.json(409, "{\"error\":{\"code\":\"conflict\",\"message\":\"Cannot abort a non-running test.\"}}");
        client.stopRun(77);
        assertEquals("409 needs no second look", 1, k6.requestCount());

        k6.json(400, "{\"error\":{\"code\":\"validation_error\",\"message\":\"Nope.\"}}");
        k6.json(200, "{\"id\":77,\"status\":\"completed\",\"result\":\"passed\"}");
        client.stopRun(77);
        assertEquals(3, k6.requestCount());

        k6.json(400, "{\"error\":{\"code\":\"validation_error\",\"message\":\"Nope.\"}}");
        k6.json(200, "{\"id\":78,\"status\":\"running\"}");
        ProtocolException e = assertThrows(ProtocolException.class, () -> client.stopRun(78));
        assertThat(e.getMessage(), containsString("still Running"));
        assertThat(e.getMessage(), containsString("\"Nope.\" (code validation_error)"));
    }

    @Test
    public void aRefusalForARunStillRunningIsThrownWithItsStatus() {
        k6.json(400, "{\"error\":{\"message\":\"Cannot stop now.\",\"code\":2}}");
        k6.json(200, MockK6Cloud.run(42, 9, 2, null));

        ProtocolException e =
                assertThrows(ProtocolException.class, () -> k6.client().stopRun(42));

        assertEquals(400, e.httpStatus());
        assertEquals("POST /loadtests/v2/runs/42/stop", e.request());
        assertThat(e.getMessage(), containsString("\"Cannot stop now.\""));
        assertThat(e.getMessage(), containsString("The run is still Running: stop it in the k6 Cloud web app"));
    }

    @Test
    public void aRefusalForARunOfUnknownStatusIsNotTakenAsEnded() {
        k6.json(400, "");
        k6.json(200, "{\"k6-run\":{\"id\":42,\"run_status\":77}}");

        assertThrows(ProtocolException.class, () -> k6.client().stopRun(42));
    }

    @Test
    public void authenticationAndNotFoundAreThrownWithoutReadingTheRun() {
        k6.json(404, "{\"error\":{\"message\":\"Not found.\",\"code\":3}}");
        assertThrows(NotFoundException.class, () -> k6.client().stopRun(42));
        k6.json(403, "{\"error\":{\"message\":\"Not allowed\",\"code\":5}}");
        assertThrows(AuthenticationException.class, () -> k6.client().stopRun(42));
        assertEquals(2, k6.requestCount());
    }

    @Test
    public void aLostStopAnswerIsRetriedBecauseStoppingTwiceIsHarmless() throws Exception {
        k6.dropAnswer();
        k6.respond(new MockResponse.Builder().code(200).body("{}").build());

        k6.client().stopRun(42);

        assertEquals(2, k6.requestCount());
        assertEquals(List.of(500L), k6.sleeper.delays());
    }
}
