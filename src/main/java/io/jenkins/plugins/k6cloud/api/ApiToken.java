package io.jenkins.plugins.k6cloud.api;

import java.util.Objects;

/**
 * A k6 Cloud API token. The plain value is only read where the {@code Authorization} header is
 * built; {@link #toString()} is redacted so that the token cannot reach a log line, an exception
 * message or a saved file by accident.
 */
public final class ApiToken {
    private final String value;

    private ApiToken(String value) {
        this.value = value;
    }

    /**
     * @param value the token as the user gave it; surrounding white space is removed
     * @throws IllegalArgumentException if the token is null, empty or only white space
     */
    public static ApiToken of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    "The k6 Cloud API token is empty: give the token of a k6 Cloud account or Grafana stack");
        }
        return new ApiToken(value.strip());
    }

    /** The plain token, for the {@code Authorization} header only. */
    public String plainText() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiToken && ((ApiToken) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return "ApiToken[****]";
    }
}
