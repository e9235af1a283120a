package jenkins.util;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Stand-in of jenkins-core's {@code jenkins.util.Timer}: Jenkins' shared scheduler. Offline it is a
 * real scheduler on one daemon thread (tasks run in the order they are due), so that code which
 * hands work to it can be tested.
 */
public class Timer {
    private static ScheduledExecutorService executor;

    private Timer() {}

    public static synchronized ScheduledExecutorService get() {
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "jenkins.util.Timer (stand-in)");
                t.setDaemon(true);
                return t;
            });
        }
        return executor;
    }
}
