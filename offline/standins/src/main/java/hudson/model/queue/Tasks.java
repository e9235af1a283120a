package hudson.model.queue;

import hudson.model.Queue;
import org.springframework.security.core.Authentication;

/** Stand-in of jenkins-core's {@code hudson.model.queue.Tasks}: the authentication a job's builds run as. */
public class Tasks {
    public Tasks() {}

    public static Authentication getAuthenticationOf2(Queue.Task t) {
        throw new UnsupportedOperationException("stand-in");
    }
}
