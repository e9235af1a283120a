package io.jenkins.plugins.k6cloud.api;

import static org.junit.Assert.assertEquals;

import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import io.jenkins.plugins.k6cloud.testing.SimulatorRule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;

/**
 * A v2 look for recent runs finds them also when the server ignores {@code order_by=-created}
 * (which v2 does not document) and answers oldest first.
 */
public class V2RecentRunsTest {
    @Rule
    public final SimulatorRule rig = new SimulatorRule();

    private HttpK6CloudClient client() {
        return rig.client(ApiFlavour.V2, o -> o);
    }

    /** A full first page of old runs, then one recent run: the look finds that one only. */
    private void recentRunsFound(boolean serverIgnoresOrder) throws Exception {
        rig.sim().ignoreOrderBy(serverIgnoresOrder);
        long testId = rig.sim().addLoadTest(Scenarios.passes());
        HttpK6CloudClient client = client();
        for (int i = 0; i < V2Api.PAGE_SIZE; i++) {
            client.startRun(testId);
        }
        rig.clock.advance(Duration.ofHours(2));
        Instant since = rig.clock.instant();
        long recent = client.startRun(testId).id();

        List<Long> found =
                client.listRuns(testId, since).stream().map(TestRun::id).collect(Collectors.toList());
        assertEquals(List.of(recent), found);
    }

    @Test
    public void theRecentRunIsFoundWhenTheServerAnswersOldestFirst() throws Exception {
        recentRunsFound(true);
        assertEquals("both pages read", 2, rig.sim().journal().count(Endpoint.LIST));
    }

    @Test
    public void theRecentRunIsFoundWhenTheServerAnswersNewestFirst() throws Exception {
        recentRunsFound(false);
    }
}
