package io.jenkins.plugins.k6cloud.pipeline;

import io.jenkins.plugins.k6cloud.api.Threshold;
import io.jenkins.plugins.k6cloud.engine.RunOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The value {@code k6CloudRun} returns: a map of plain, serialisable values (strings, numbers,
 * booleans, lists and maps of them), so a sandboxed Pipeline can read {@code result.runId} and keep
 * it across a restart.
 */
public final class StepResult {
    private StepResult() {}

    public static Map<String, Object> of(RunOutcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", o.runId());
        m.put("testId", o.testId());
        m.put("url", o.webUrl());
        m.put("runStatus", o.runStatus().name());
        m.put("processingStatus", o.processingStatus().name());
        m.put("resultStatus", o.resultStatus().name());
        m.put("verdict", o.verdict().name());
        m.put("result", o.buildResult().name());
        m.put("message", o.message());
        m.put("duration", o.followedFor() == null ? 0L : o.followedFor().toSeconds());
        m.put("vus", o.vus());
        List<Map<String, Object>> thresholds = new ArrayList<>();
        for (Threshold t : o.thresholds()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", t.name());
            row.put("stat", t.stat());
            row.put("value", t.value());
            row.put("passed", t.passed());
            thresholds.add(row);
        }
        m.put("thresholds", thresholds);
        return m;
    }
}
