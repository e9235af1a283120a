package io.jenkins.plugins.k6cloud.pipeline;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.Run;
import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.engine.RunEngine;
import io.jenkins.plugins.k6cloud.support.K6CloudEngine;
import io.jenkins.plugins.k6cloud.support.RunConfig;
import java.time.Clock;

/**
 * What a {@link K6CloudRunStepExecution} takes from the rest of the plugin: the prepared run
 * (settings, client and connection), a client of a saved connection after a restart, the engine,
 * and the engine's clock. {@link #JENKINS} in Jenkins; tests give a simulator's client and an
 * engine in virtual time.
 */
interface StepRunSupport {
    RunConfig.Prepared prepare(Run<?, ?> run, EnvVars env, RunConfig.Options options) throws AbortException;

    K6CloudClient reconnect(Run<?, ?> run, EnvVars env, RunConfig.Connection connection) throws AbortException;

    RunEngine engine();

    Clock clock();

    StepRunSupport JENKINS = new StepRunSupport() {
        @Override
        public RunConfig.Prepared prepare(Run<?, ?> run, EnvVars env, RunConfig.Options options) throws AbortException {
            return RunConfig.prepare(run, env, options);
        }

        @Override
        public K6CloudClient reconnect(Run<?, ?> run, EnvVars env, RunConfig.Connection connection)
                throws AbortException {
            return connection.clientForRun(run, env);
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
