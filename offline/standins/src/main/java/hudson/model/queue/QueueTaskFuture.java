package hudson.model.queue;

import hudson.model.Queue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Stand-in of jenkins-core's {@code hudson.model.queue.QueueTaskFuture}: a scheduled build. */
public interface QueueTaskFuture<R extends Queue.Executable> extends Future<R> {
    Future<R> getStartCondition();

    R waitForStart() throws InterruptedException, ExecutionException;
}
