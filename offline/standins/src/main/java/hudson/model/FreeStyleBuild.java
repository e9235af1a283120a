package hudson.model;

import java.util.Calendar;

/** Stand-in of jenkins-core's {@code hudson.model.FreeStyleBuild}, for tests; only Jenkins creates builds. */
public abstract class FreeStyleBuild extends AbstractBuild<FreeStyleProject, FreeStyleBuild> implements Queue.Executable {
    private FreeStyleBuild() {
        super(null, Calendar.getInstance());
    }
}
