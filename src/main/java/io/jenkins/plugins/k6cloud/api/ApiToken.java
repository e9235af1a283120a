package io.jenkins.plugins.k6cloud.api;

/**
 * A k6 Cloud API token. The plain value is only read where the {@code Authorization} header is
 * built; {@link #toString()} is redacted so that the token cannot reach a log line, an exception
 * message or a saved file by accident.
 *
 * <p>Every token is checked here, where it enters (the credentials, {@code K6_CLOUD_TOKEN}, a form):
 * surrounding white space is removed, and what is left must be printable ASCII (0x20 to 0x7e), so
 * that it can always travel in the header. OkHttp refuses any other character in a header value
 * but the tab ({@code headersCheckValue} in square/okhttp's {@code -HeadersCommon.kt}), with an
 * {@link IllegalArgumentException} thrown in the middle of a call; a tab it lets through, and k6
 * Cloud then rejects the token. No API token has either, so both are refused before any request,
 * with a message that names where the token came from and never quotes it.
 *
 * @param plainText the plain token, for the {@code Authorization} header only
 */
public record ApiToken(String plainText) {

    /** A token given directly (by a test or the embedded simulator), checked as {@link #of(String, String)} does. */
    public ApiToken {
        plainText = checked(plainText, "given");
    }

    /**
     * A token given directly (by a test or the embedded simulator).
     *
     * @throws IllegalArgumentException see {@link #of(String, String)}
     */
    public static ApiToken of(String value) {
        return new ApiToken(value);
    }

    /**
     * @param value the token as the user gave it; surrounding white space is removed
     * @param source where it came from, completing "The k6 Cloud API token ...", e.g. {@code "in the
     *     environment variable K6_CLOUD_TOKEN"}; never the token itself
     * @throws IllegalArgumentException if the token is null, empty, only white space, or holds a
     *     character an HTTP header cannot carry or a control character (a line break, a tab, a
     *     non-ASCII letter); the message names {@code source} and says what to fix, not the token
     */
    public static ApiToken of(String value, String source) {
        return new ApiToken(checked(value, source));
    }

    private static String checked(String value, String source) {
        String what = "The k6 Cloud API token " + source;
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what
                    + (value == null || value.isEmpty() ? " is empty" : " is only white space")
                    + ": give the API token of a k6 Cloud account or Grafana stack");
        }
        String token = value.strip();
        for (int i = 0; i < token.length(); i++) {
            String problem = problem(token.charAt(i));
            if (problem != null) {
                throw new IllegalArgumentException(what + " contains " + problem
                        + ". An API token is one line of ASCII letters, digits and symbols; nothing was sent to"
                        + " k6 Cloud. Copy the token again from the k6 web app (or your Grafana stack) and store it"
                        + " alone");
            }
        }
        return token;
    }

    /** What is wrong with {@code c} inside a token, or {@code null} when it may be there. */
    private static String problem(char c) {
        if (c == '\n' || c == '\r') {
            return "a line break (a paste of more than one line?)";
        }
        if (c == '\t') {
            return "a tab";
        }
        if (c < 0x20 || c == 0x7f) {
            return "a control character";
        }
        if (c > 0x7e) {
            return "a character that is not ASCII, which an HTTP header cannot carry (a letter with an accent,"
                    + " a typographic quote or dash, a non-breaking space?)";
        }
        return null;
    }

    @Override
    public String toString() {
        return "ApiToken[****]";
    }
}
