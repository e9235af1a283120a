package io.jenkins.plugins.k6cloud.engine;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Which run links from k6 Cloud answers may be shown: they end up in {@code href} attributes of the
 * build page, so only an absolute http(s) URL with a host and no user-info is used.
 */
final class RunLinks {
    private RunLinks() {}

    /** {@code url} when it is a safe absolute http(s) link, else {@code null}. */
    static String safe(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI u = new URI(url.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            boolean ok = (scheme.equals("https") || scheme.equals("http"))
                    && u.getHost() != null
                    && u.getRawUserInfo() == null;
            return ok ? u.toString() : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The link k6 Cloud gave for the run when it is safe, else the one built from the settings. */
    static String of(io.jenkins.plugins.k6cloud.api.TestRun run, RunSettings settings) {
        String safe = safe(run.webUrl());
        return safe != null ? safe : settings.runUrl(run.id());
    }
}
