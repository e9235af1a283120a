package hudson.util;

import java.io.Serializable;

/** Stand-in of jenkins-core's {@code hudson.util.Secret}: holds the plain text, unencrypted. */
public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret fromString(String data) {
        return new Secret(data == null ? "" : data);
    }

    public String getPlainText() {
        return value;
    }

    @Override
    public boolean equals(Object that) {
        return that instanceof Secret && ((Secret) that).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
