package io.jenkins.plugins.k6cloud.pipeline;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import hudson.model.Result;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * A step context that records how the step ended and how often it saved its state. Not really
 * serialisable: {@link K6CloudRunStepExecutionTest} swaps it for a token when it "restarts".
 */
final class FakeStepContext extends StepContext {
    private static final long serialVersionUID = 1L;

    final transient Map<Class<?>, Object> objects = new HashMap<>();
    /** Completes with the step's value, or with the failure, whichever the step reported first. */
    final transient CompletableFuture<Object> end = new CompletableFuture<>();

    final transient AtomicInteger endings = new AtomicInteger();
    final transient AtomicInteger saves = new AtomicInteger();
    /** Counted down by the first save. */
    final transient CountDownLatch firstSave = new CountDownLatch(1);
    /** What {@link #saveState()} answers; {@code null}: saved at once. */
    transient volatile ListenableFuture<Void> saveReply;
    /** When set, {@link #saveState()} throws it. */
    transient volatile RuntimeException saveFailure;
    /** The threads {@link #saveState()} was called on. */
    final transient Set<String> saveThreads = ConcurrentHashMap.newKeySet();

    <T> FakeStepContext with(Class<T> type, T value) {
        objects.put(type, value);
        return this;
    }

    @Override
    public <T> T get(Class<T> key) {
        return key.cast(objects.get(key));
    }

    @Override
    public void onSuccess(Object result) {
        endings.incrementAndGet();
        end.complete(result);
    }

    @Override
    public void onFailure(Throwable t) {
        endings.incrementAndGet();
        end.completeExceptionally(t);
    }

    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    public ListenableFuture<Void> saveState() {
        saveThreads.add(Thread.currentThread().getName());
        RuntimeException failure = saveFailure;
        if (failure != null) {
            throw failure;
        }
        saves.incrementAndGet();
        firstSave.countDown();
        ListenableFuture<Void> reply = saveReply;
        return reply != null ? reply : Futures.immediateFuture(null);
    }

    @Override
    public void setResult(Result r) {
        throw new UnsupportedOperationException("the step sets results on the Run, as the unstable step does");
    }

    @Override
    public BodyInvoker newBodyInvoker() {
        throw new IllegalStateException("k6CloudRun has no body");
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
