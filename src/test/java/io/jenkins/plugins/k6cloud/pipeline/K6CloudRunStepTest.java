package io.jenkins.plugins.k6cloud.pipeline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.k6cloud.Outcomes;
import io.jenkins.plugins.k6cloud.engine.RunSettings;
import io.jenkins.plugins.k6cloud.support.RunConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jenkins.model.CauseOfInterruption;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.junit.Test;

public class K6CloudRunStepTest {
    @Test
    public void isCalledK6CloudRunAndNeedsNoNode() {
        K6CloudRunStep.DescriptorImpl d = new K6CloudRunStep.DescriptorImpl();
        assertEquals("k6CloudRun", d.getFunctionName());
        // a FlowNode (for the warning of an unstable verdict) is there outside node {} too; no Launcher, no FilePath
        assertEquals(Set.of(Run.class, TaskListener.class, FlowNode.class), d.getRequiredContext());
    }

    @Test
    public void waitsByDefaultAndKeepsBlankOptionsEmpty() {
        K6CloudRunStep step = new K6CloudRunStep(1234);
        step.setCredentialsId(" ");
        step.setTimeout("");
        assertEquals(1234L, step.getTestId());
        assertTrue(step.isWait());
        assertNull(step.getCredentialsId());
        assertNull(step.getTimeout());
        assertTrue(step.options()
                .toSettings(RunConfig.DEFAULT_WEB_APP_URL, RunConfig.DEFAULT_POLL_INTERVAL, RunConfig.DEFAULT_TIMEOUT)
                .waitForEnd());
    }

    @Test
    public void waitFalseReturnsOnceTheRunHasStarted() {
        K6CloudRunStep step = new K6CloudRunStep(1234);
        step.setWait(false);
        step.setPollInterval("2s");
        RunSettings s = step.options()
                .toSettings(RunConfig.DEFAULT_WEB_APP_URL, RunConfig.DEFAULT_POLL_INTERVAL, RunConfig.DEFAULT_TIMEOUT);
        assertFalse(s.waitForEnd());
        assertEquals(2, s.pollInterval().getSeconds());
    }

    @Test
    public void holdsTheRunsValuesUnderStableNames() {
        Map<String, Object> m = K6CloudRunStepExecution.returnValue(Outcomes.thresholdsFailed(77));
        assertEquals(77L, m.get("runId"));
        assertEquals(42L, m.get("testId"));
        assertEquals("https://app.k6.io/runs/77", m.get("url"));
        assertEquals("FINISHED", m.get("runStatus"));
        assertEquals("FINISHED", m.get("processingStatus"));
        assertEquals("FAILED", m.get("resultStatus"));
        assertEquals("THRESHOLDS_FAILED", m.get("verdict"));
        assertEquals("UNSTABLE", m.get("result"));
        assertEquals(60L, m.get("duration"));
        assertEquals(10, m.get("vus"));
        assertEquals(
                List.of(Map.of("name", "checks", "stat", "rate", "value", 0.5, "passed", false)), m.get("thresholds"));
    }

    @Test
    public void survivesSerialisationAsTheProgramStateDoes() throws Exception {
        Map<String, Object> m = K6CloudRunStepExecution.returnValue(Outcomes.passed(5));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(m);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(m, in.readObject());
        }
    }

    @Test
    public void saysWhoStoppedTheStepNotWhichExceptionDidIt() {
        assertEquals(
                "Aborted by alice; Timeout has been exceeded",
                K6CloudRunStepExecution.whoStopped(new FlowInterruptedException(
                        Result.ABORTED,
                        true,
                        cause("Aborted by alice"),
                        cause(" "),
                        cause("Timeout has been exceeded"))));
        for (Throwable nameless : List.of(
                new FlowInterruptedException(Result.ABORTED, true), new InterruptedException(), new Error(" "))) {
            assertEquals("the build was stopped", K6CloudRunStepExecution.whoStopped(nameless));
        }
        assertEquals("the build was stopped", K6CloudRunStepExecution.whoStopped(null));
        assertEquals("disk full", K6CloudRunStepExecution.whoStopped(new IllegalStateException("disk full")));
    }

    /** A cause of interruption with this short description (the real ones need a live Jenkins). */
    static CauseOfInterruption cause(String description) {
        return new CauseOfInterruption() {
            private static final long serialVersionUID = 1L;

            @Override
            public String getShortDescription() {
                return description;
            }
        };
    }

    @Test
    public void missingRunLeavesNulls() {
        Map<String, Object> m = K6CloudRunStepExecution.returnValue(Outcomes.noRun());
        assertEquals(null, m.get("runId"));
        assertEquals("RUN_FAILED", m.get("verdict"));
        assertEquals(List.of(), m.get("thresholds"));
    }
}
