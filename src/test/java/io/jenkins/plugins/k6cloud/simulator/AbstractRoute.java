package io.jenkins.plugins.k6cloud.simulator;

import java.util.regex.Pattern;

/** A {@link Route} whose endpoint, method and path are fixed when it is made. */
abstract class AbstractRoute implements Route {
    private final Endpoint endpoint;
    private final String method;
    private final Pattern path;

    AbstractRoute(Endpoint endpoint, String method, String pathRegex) {
        this.endpoint = endpoint;
        this.method = method;
        this.path = Pattern.compile(pathRegex);
    }

    @Override
    public final Endpoint endpoint() {
        return endpoint;
    }

    @Override
    public final String method() {
        return method;
    }

    @Override
    public final Pattern path() {
        return path;
    }
}
