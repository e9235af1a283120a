package io.jenkins.plugins.k6cloud.faults;

import io.jenkins.plugins.k6cloud.cli.ExitCodes;
import io.jenkins.plugins.k6cloud.engine.BuildResult;
import io.jenkins.plugins.k6cloud.engine.RunOutcome;
import io.jenkins.plugins.k6cloud.engine.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * What the plugin decided in one row: the verdict (or {@link Expected#REJECTED}), the build result, the message a
 * person reads, and every text it produced on the way (for the token scan).
 */
record Played(String verdict, BuildResult buildResult, String message, List<String> texts) {

    Played {
        texts = List.copyOf(texts);
    }

    /** What the engine reported. */
    static Played of(RunOutcome o) {
        return new Played(o.verdict().name(), o.buildResult(), o.message(), List.of(o.message(), o.toString()));
    }

    /** The input was refused with {@code message} (an AbortException, a form error, a usage error). */
    static Played rejected(String message) {
        return new Played(
                Expected.REJECTED, BuildResult.FAILURE, message, message == null ? List.of() : List.of(message));
    }

    /** What the command-line runner did, read back from its exit code. */
    static Played cli(int exitCode, String out, String err) {
        List<String> texts = new ArrayList<>(List.of(out, err));
        if (exitCode == ExitCodes.USAGE) {
            return new Played(Expected.REJECTED, BuildResult.FAILURE, err, texts);
        }
        String verdict =
                switch (exitCode) {
                    case ExitCodes.PASSED -> Verdict.PASSED.name();
                    case ExitCodes.THRESHOLDS_FAILED -> Verdict.THRESHOLDS_FAILED.name();
                    case ExitCodes.RUN_FAILED -> Verdict.RUN_FAILED.name();
                    case ExitCodes.INVALID_CONFIG -> Verdict.CONFIGURATION_ERROR.name();
                    case ExitCodes.NOT_FOLLOWED -> Verdict.UNREACHABLE.name();
                    case ExitCodes.INTERRUPTED -> Verdict.CANCELLED.name();
                    default -> "EXIT_" + exitCode;
                };
        BuildResult result = verdict.startsWith("EXIT_")
                ? BuildResult.FAILURE
                : Verdict.valueOf(verdict).buildResult(BuildResult.FAILURE);
        return new Played(verdict, result, out + err, texts);
    }
}
