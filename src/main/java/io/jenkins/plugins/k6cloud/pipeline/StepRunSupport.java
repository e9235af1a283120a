package io.jenkins.plugins.k6cloud.pipeline;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.Run;
import io.jenkins.plugins.k6cloud.K6CloudEngine;
import io.jenkins.plugins.k6cloud.PreparedRun;
import io.jenkins.plugins.k6cloud.RunOptions;
import io.jenkins.plugins.k6cloud.engine.RunEngine;
import java.time.Clock;

/**
 * What a {@link K6CloudRunStepExecution} takes from the rest of the plugin: the prepared run
 * (settings and client), the engine, and the engine's clock. {@link #JENKINS} in Jenkins; tests
 * give a simulator's client and an engine in virtual time.
 */
interface StepRunSupport {
    PreparedRun prepare(Run<?, ?> run, EnvVars env, RunOptions options) throws AbortException;

    RunEngine engine();

    Clock clock();

    StepRunSupport JENKINS = new StepRunSupport() {
        @Override
        public PreparedRun prepare(Run<?, ?> run, EnvVars env, RunOptions options) throws AbortException {
            return PreparedRun.prepare(run, env, options);
        }

        @Override
        public RunEngine engine() {
            return K6CloudEngine.get();
        }

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }
    };
}
