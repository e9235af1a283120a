package io.jenkins.plugins.k6cloud.api;

import java.time.Instant;

/**
 * One k6 Cloud test run as the plugin sees it, whichever API flavour it came from. Every field
 * may be missing in a response, so every getter but {@link #id()} may return {@code null}; the
 * status getters return {@code UNKNOWN} rather than {@code null}.
 */
public final class TestRun {
    private final long id;
    private final Long testId;
    private final Integer runStatusCode;
    private final Integer processingStatusCode;
    private final Integer resultStatusCode;
    private final Instant created;
    private final Instant started;
    private final Instant ended;
    private final Integer vus;
    private final Integer durationSeconds;
    private final Integer errorCode;
    private final String errorDetail;
    private final String webUrl;
    private final String statusText;

    private TestRun(Builder b) {
        this.id = b.id;
        this.testId = b.testId;
        this.runStatusCode = b.runStatusCode;
        this.processingStatusCode = b.processingStatusCode;
        this.resultStatusCode = b.resultStatusCode;
        this.created = b.created;
        this.started = b.started;
        this.ended = b.ended;
        this.vus = b.vus;
        this.durationSeconds = b.durationSeconds;
        this.errorCode = b.errorCode;
        this.errorDetail = b.errorDetail;
        this.webUrl = b.webUrl;
        this.statusText = b.statusText;
    }

    public static Builder builder(long id) {
        return new Builder(id);
    }

    public Builder toBuilder() {
        Builder b = new Builder(id);
        b.testId = testId;
        b.runStatusCode = runStatusCode;
        b.processingStatusCode = processingStatusCode;
        b.resultStatusCode = resultStatusCode;
        b.created = created;
        b.started = started;
        b.ended = ended;
        b.vus = vus;
        b.durationSeconds = durationSeconds;
        b.errorCode = errorCode;
        b.errorDetail = errorDetail;
        b.webUrl = webUrl;
        b.statusText = statusText;
        return b;
    }

    public long id() {
        return id;
    }

    public Long testId() {
        return testId;
    }

    public RunStatus runStatus() {
        return RunStatus.of(runStatusCode);
    }

    /** The raw {@code run_status}, kept for codes this plugin does not know. */
    public Integer runStatusCode() {
        return runStatusCode;
    }

    public ProcessingStatus processingStatus() {
        return ProcessingStatus.of(processingStatusCode);
    }

    public Integer processingStatusCode() {
        return processingStatusCode;
    }

    public ResultStatus resultStatus() {
        return ResultStatus.of(resultStatusCode);
    }

    public Integer resultStatusCode() {
        return resultStatusCode;
    }

    public Instant created() {
        return created;
    }

    public Instant started() {
        return started;
    }

    public Instant ended() {
        return ended;
    }

    /** The largest number of virtual users of the run. */
    public Integer vus() {
        return vus;
    }

    /** The configured length of the test, in seconds. */
    public Integer durationSeconds() {
        return durationSeconds;
    }

    public Integer errorCode() {
        return errorCode;
    }

    public String errorDetail() {
        return errorDetail;
    }

    /** The run's page in the k6 web app when the API gave one (v6 {@code test_run_details_page_url}). */
    public String webUrl() {
        return webUrl;
    }

    /**
     * The status as the API wrote it, when it is one this plugin does not know (a v6 status string
     * such as {@code "paused"}); {@code null} otherwise, and always for v2, whose codes are numbers.
     */
    public String statusText() {
        return statusText;
    }

    @Override
    public String toString() {
        return "TestRun[id=" + id + ", test=" + testId + ", run_status=" + runStatusCode + ", processing_status="
                + processingStatusCode + ", result_status=" + resultStatusCode
                + (statusText == null ? "" : ", status='" + statusText + "'") + "]";
    }

    /** Builds a {@link TestRun}; unset fields stay {@code null}. */
    public static final class Builder {
        private final long id;
        private Long testId;
        private Integer runStatusCode;
        private Integer processingStatusCode;
        private Integer resultStatusCode;
        private Instant created;
        private Instant started;
        private Instant ended;
        private Integer vus;
        private Integer durationSeconds;
        private Integer errorCode;
        private String errorDetail;
        private String webUrl;
        private String statusText;

        private Builder(long id) {
            this.id = id;
        }

        public Builder testId(Long v) {
            testId = v;
            return this;
        }

        public Builder runStatus(Integer v) {
            runStatusCode = v;
            return this;
        }

        public Builder processingStatus(Integer v) {
            processingStatusCode = v;
            return this;
        }

        public Builder resultStatus(Integer v) {
            resultStatusCode = v;
            return this;
        }

        public Builder created(Instant v) {
            created = v;
            return this;
        }

        public Builder started(Instant v) {
            started = v;
            return this;
        }

        public Builder ended(Instant v) {
            ended = v;
            return this;
        }

        public Builder vus(Integer v) {
            vus = v;
            return this;
        }

        public Builder durationSeconds(Integer v) {
            durationSeconds = v;
            return this;
        }

        public Builder errorCode(Integer v) {
            errorCode = v;
            return this;
        }

        public Builder errorDetail(String v) {
            errorDetail = v;
            return this;
        }

        public Builder webUrl(String v) {
            webUrl = v;
            return this;
        }

        public Builder statusText(String v) {
            statusText = v;
            return this;
        }

        public TestRun build() {
            return new TestRun(this);
        }
    }
}
