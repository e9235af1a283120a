package io.jenkins.plugins.k6cloud.simulator;

import java.util.regex.Pattern;

/** One endpoint of one API flavour: a method, a path pattern and a handler. */
interface Route {
    Endpoint endpoint();

    String method();

    /** The whole decoded path must match; groups are read with {@link RouteCall#pathId(int)}. */
    Pattern path();

    default boolean requiresAuth() {
        return true;
    }

    SimResponse handle(RouteCall call);
}
