package io.jenkins.plugins.k6cloud.api;

/**
 * An API token, checked where it enters (credentials, {@code K6_CLOUD_TOKEN}, a form): stripped, then
 * printable ASCII only. OkHttp throws mid-call on any other character in a header but the tab
 * ({@code headersCheckValue} in okhttp's {@code -HeadersCommon.kt}), and k6 Cloud rejects a tab; no
 * token holds either. {@link #toString()} is redacted: the plain value is read for the header only.
 */
public record ApiToken(String plainText) {

    public ApiToken {
        plainText = checked(plainText, "given");
    }

    public static ApiToken of(String value) {
        return new ApiToken(value);
    }

    /** @param source completes "The k6 Cloud API token ...", e.g. {@code "in the environment variable K6_CLOUD_TOKEN"} */
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
