package io.jenkins.plugins.k6cloud.engine;

/**
 * A verdict and the one line that explains it.
 *
 * @param verdict what became of the run
 * @param message what happened and, on failure, what to look at
 */
public record Judgement(Verdict verdict, String message) {

    /** The same verdict with one more sentence. */
    public Judgement withNote(String note) {
        return new Judgement(verdict, message + " " + note);
    }
}
