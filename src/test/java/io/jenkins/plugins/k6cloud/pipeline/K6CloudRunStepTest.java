package io.jenkins.plugins.k6cloud.pipeline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.k6cloud.engine.RunSettings;
import io.jenkins.plugins.k6cloud.support.RunConfig;
import java.util.Set;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
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
}
