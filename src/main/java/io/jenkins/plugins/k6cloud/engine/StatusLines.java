package io.jenkins.plugins.k6cloud.engine;

import io.jenkins.plugins.k6cloud.api.RunStatus;
import io.jenkins.plugins.k6cloud.api.TestRun;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides which polls are worth a console line: a status change, an unknown code (once), and a
 * "still ..." line when nothing changed for {@link #STILL_GOING_EVERY_MILLIS}.
 */
final class StatusLines {
    /** A "still running" line at most this often. */
    static final long STILL_GOING_EVERY_MILLIS = 60_000;

    private String shown;
    private long lastLineAt;
    private boolean unknownWarned;

    /** Takes over what was shown before a restart, so that it is not repeated. */
    void shownBefore(TestRun run, long now) {
        shown = run == null ? null : ConsoleText.statusText(run);
        lastLineAt = now;
    }

    /** The status as last shown, e.g. "Running". */
    String shown() {
        return shown == null ? "Created" : shown;
    }

    List<String> observe(TestRun run, long now, long elapsedMillis) {
        List<String> lines = new ArrayList<>(2);
        if (run.runStatus() == RunStatus.UNKNOWN && !unknownWarned) {
            unknownWarned = true;
            lines.add(ConsoleText.unknownStatus(run));
        }
        String text = ConsoleText.statusText(run);
        if (!text.equals(shown)) {
            shown = text;
            lastLineAt = now;
            lines.add(ConsoleText.status(elapsedMillis, run.id(), text));
        } else if (now - lastLineAt >= STILL_GOING_EVERY_MILLIS) {
            lastLineAt = now;
            lines.add(ConsoleText.stillGoing(elapsedMillis, run.id(), text));
        }
        return lines;
    }
}
