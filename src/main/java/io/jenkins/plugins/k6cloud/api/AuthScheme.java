package io.jenkins.plugins.k6cloud.api;

/** How a k6 Cloud API flavour wants the token: v2 {@code Token <t>}, v6 {@code Bearer <t>}. */
enum AuthScheme {
    TOKEN("Token"),
    BEARER("Bearer");

    private final String word;

    AuthScheme(String word) {
        this.word = word;
    }

    /** The value of the {@code Authorization} header; never log it. */
    String authorization(ApiToken token) {
        return word + " " + token.plainText();
    }
}
