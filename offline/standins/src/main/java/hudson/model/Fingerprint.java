package hudson.model;

import java.util.List;

/** Stand-in of jenkins-core's {@code hudson.model.Fingerprint}, for tests that read the recorded uses of credentials. */
public class Fingerprint {
    private Fingerprint() {}

    public List<String> getJobs() {
        throw new UnsupportedOperationException("stand-in");
    }
}
