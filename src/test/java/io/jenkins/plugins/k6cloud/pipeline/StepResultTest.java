package io.jenkins.plugins.k6cloud.pipeline;

import static org.junit.Assert.assertEquals;

import io.jenkins.plugins.k6cloud.Outcomes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class StepResultTest {
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
    public void missingRunLeavesNulls() {
        Map<String, Object> m = K6CloudRunStepExecution.returnValue(Outcomes.noRun());
        assertEquals(null, m.get("runId"));
        assertEquals("RUN_FAILED", m.get("verdict"));
        assertEquals(List.of(), m.get("thresholds"));
    }
}
