package io.jenkins.plugins.k6cloud.faults;

import io.jenkins.plugins.k6cloud.api.ApiFlavour;
import io.jenkins.plugins.k6cloud.api.ApiToken;
import io.jenkins.plugins.k6cloud.api.ClientOptions;
import io.jenkins.plugins.k6cloud.api.HttpK6CloudClient;
import io.jenkins.plugins.k6cloud.engine.BuildResult;
import io.jenkins.plugins.k6cloud.engine.RunOutcome;
import io.jenkins.plugins.k6cloud.engine.Verdict;
import io.jenkins.plugins.k6cloud.results.MetricsTable;
import io.jenkins.plugins.k6cloud.results.RegressionGate;
import io.jenkins.plugins.k6cloud.results.RunFigures;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Fault;
import io.jenkins.plugins.k6cloud.simulator.Scenario;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import io.jenkins.plugins.k6cloud.support.RunConfig;
import io.jenkins.plugins.k6cloud.support.RunMetricsRead;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Faults of the metrics read after the verdict (404, 500 past the read's one retry, an answer slower than its timeout,
 * malformed JSON), on the summary and on the checks: the verdict stays what the run gave, the read says so in one line,
 * and the token appears nowhere.
 */
final class MetricsReadRows {
    static final String CATEGORY = "metrics read";
    private static final Duration READ_TIMEOUT = Duration.ofMillis(200);

    private MetricsReadRows() {}

    private static FaultScenario row(String name, Verdict verdict, FaultScenario.Script script) {
        return FaultScenario.of(CATEGORY, name, verdict, script);
    }

    private record Kind(String name, Fault fault, boolean slow) {}

    static List<FaultScenario> rows() {
        List<Kind> kinds = List.of(
                new Kind("404", Fault.notFound(), false),
                new Kind("500 with an HTML body", Fault.serverError(500), false),
                new Kind("answer slower than the read timeout", Fault.latency(Duration.ofMillis(600)), true),
                new Kind("200 with malformed JSON", Fault.malformedJson(), false));
        List<FaultScenario> rows = new ArrayList<>();
        for (Kind k : kinds) {
            rows.add(row(k, Endpoint.METRICS, Scenarios.passes(), Verdict.PASSED));
            rows.add(row(k, Endpoint.CHECKS, Scenarios.passes(), Verdict.PASSED));
            rows.add(row(k, Endpoint.METRICS, Scenarios.thresholdsFail(), Verdict.THRESHOLDS_FAILED));
            rows.add(row(
                    k.name() + " on the metrics summary after PASSED, maxRegression 10%",
                    Verdict.PASSED,
                    rig -> play(rig, k, Endpoint.METRICS, Scenarios.passes(), true)));
        }
        return rows;
    }

    private static FaultScenario row(Kind k, Endpoint endpoint, Scenario scenario, Verdict verdict) {
        String read = endpoint == Endpoint.METRICS ? "the metrics summary" : "the checks";
        return row(
                k.name() + " on " + read + " after " + verdict,
                verdict,
                rig -> play(rig, k, endpoint, scenario, false));
    }

    private static Played play(Rig rig, Kind k, Endpoint endpoint, Scenario scenario, boolean gated) throws Exception {
        long testId = rig.test(scenario);
        RunOutcome outcome = rig.finish(rig.start(testId, rig.settings()));
        rig.settle();
        rig.sim.faults().inject(endpoint, 5, k.fault()); // more than the read's attempts
        ClientOptions options = new RunConfig.Connection(ApiFlavour.V2, rig.sim.baseUrl(), null, "k6").metricsOptions();
        options = rig.inVirtualTime(options);
        if (k.slow()) {
            options = options.withTimeouts(READ_TIMEOUT, READ_TIMEOUT, READ_TIMEOUT.multipliedBy(4));
        }
        HttpK6CloudClient client =
                new HttpK6CloudClient(ApiFlavour.V2, rig.http(), rig.sim.uri(), ApiToken.of(rig.token), options);

        RunMetricsRead.Read read = RunMetricsRead.afterVerdict(
                () -> client, outcome, null, new RunConfig.Options(null, null, null, null, true));

        if (gated) {
            // a p95 of 1 ms before: any figures read would be a regression
            RunFigures fast = new RunFigures(1.0, null, null, null, 0.0, null, null, null, null, null);
            read = read.gated(
                    RegressionGate.parse("10%"), new MetricsTable.Earlier(fast, "build #1"), BuildResult.FAILURE);
            rig.check(read.lines().contains(RegressionGate.unreadable()), "the gate did not say it could not compare");
        }
        read.lines().forEach(rig::said);
        rig.said(String.valueOf(read.returnValue()));
        List<String> lines = read.lines();
        if (endpoint == Endpoint.METRICS) {
            rig.check(
                    lines.size() == (gated ? 2 : 1) && lines.get(0).startsWith("metrics not available: "),
                    "not one 'metrics not available' line: " + lines);
            rig.check(read.figures() == null, "figures from a failed read");
        } else {
            rig.check(
                    lines.get(lines.size() - 1).startsWith("  checks not available: "),
                    "the failed checks read was not named: " + lines);
            rig.check(read.figures() != null && read.figures().p95Ms() != null, "the summary was lost");
        }
        rig.check(rig.sim.faults().pending(endpoint) < 5, "the read never met the fault");
        return Played.of(read.outcome());
    }
}
