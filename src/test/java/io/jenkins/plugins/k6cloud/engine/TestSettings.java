package io.jenkins.plugins.k6cloud.engine;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;

/**
 * Copies of {@link RunSettings} with one value changed, for tests that exercise the engine's limits
 * (production code makes its settings once, with {@link RunSettings#of}). Checked as any settings are.
 */
public final class TestSettings {
    private TestSettings() {}

    public static RunSettings defaults() {
        return RunSettings.of(
                RunSettings.DEFAULT_WEB_APP_URL,
                RunSettings.DEFAULT_POLL_INTERVAL,
                RunSettings.DEFAULT_TIMEOUT,
                BuildResult.FAILURE,
                true);
    }

    public static RunSettings pollInterval(RunSettings s, Duration d) {
        return with(s, "pollInterval", d);
    }

    public static RunSettings timeout(RunSettings s, Duration d) {
        return with(s, "timeout", d);
    }

    public static RunSettings startTimeout(RunSettings s, Duration d) {
        return with(s, "startTimeout", d);
    }

    public static RunSettings processingTimeout(RunSettings s, Duration d) {
        return with(s, "processingTimeout", d);
    }

    public static RunSettings errorBudget(RunSettings s, Duration d, int maxConsecutive) {
        return with(with(s, "errorBudget", d), "maxConsecutiveErrors", maxConsecutive);
    }

    public static RunSettings cancelWait(RunSettings s, Duration d) {
        return with(s, "cancelWait", d);
    }

    public static RunSettings onThresholdsFailed(RunSettings s, BuildResult r) {
        return with(s, "onThresholdsFailed", r);
    }

    public static RunSettings waitForEnd(RunSettings s, boolean wait) {
        return with(s, "waitForEnd", wait);
    }

    /** {@code s} with the component {@code name} replaced, through the canonical constructor. */
    private static RunSettings with(RunSettings s, String name, Object value) {
        RecordComponent[] components = RunSettings.class.getRecordComponents();
        try {
            Object[] args = new Object[components.length];
            for (int i = 0; i < args.length; i++) {
                RecordComponent c = components[i];
                args[i] = c.getName().equals(name) ? value : c.getAccessor().invoke(s);
            }
            return RunSettings.class
                    .getDeclaredConstructor(Arrays.stream(components)
                            .map(RecordComponent::getType)
                            .toArray(Class<?>[]::new))
                    .newInstance(args);
        } catch (InvocationTargetException e) {
            throw (RuntimeException) e.getCause(); // the settings' own check, e.g. a negative duration
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no RunSettings component " + name, e);
        }
    }
}
