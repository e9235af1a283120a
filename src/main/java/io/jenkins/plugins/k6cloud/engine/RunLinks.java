package io.jenkins.plugins.k6cloud.engine;

import io.jenkins.plugins.k6cloud.api.K6CloudDefaults;
import java.net.URI;

/**
 * Which run links from k6 Cloud answers may be shown: they end up in {@code href} attributes of the
 * build page, so only an absolute http(s) URL with a host and no user-info is used.
 */
final class RunLinks {
    private RunLinks() {}

    /** {@code url} when it is a safe absolute http(s) link, else {@code null}. */
    static String safe(String url) {
        URI u = K6CloudDefaults.httpUri(url);
        return u != null && u.getRawUserInfo() == null ? u.toString() : null;
    }

    /** The link k6 Cloud gave for the run when it is safe, else the one built from the settings. */
    static String of(io.jenkins.plugins.k6cloud.api.TestRun run, RunSettings settings) {
        String safe = safe(run.webUrl());
        return safe != null ? safe : settings.runUrl(run.id());
    }
}
