package hudson.util;

import java.io.IOException;

/**
 * Stand-in of jenkins-core's {@code hudson.util.FormValidation}: the kind and the message of a
 * check. As in Jenkins, the message is kept HTML-escaped (it is shown in the form as HTML).
 */
public abstract class FormValidation extends IOException {
    private static final long serialVersionUID = 1L;

    /** Stand-in of {@code FormValidation.Kind}. */
    public enum Kind {
        OK,
        WARNING,
        ERROR
    }

    public final Kind kind;

    private FormValidation(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static FormValidation ok() {
        return of(Kind.OK, null);
    }

    public static FormValidation ok(String message) {
        return of(Kind.OK, message);
    }

    public static FormValidation warning(String message) {
        return of(Kind.WARNING, message);
    }

    public static FormValidation error(String message) {
        return of(Kind.ERROR, message);
    }

    public abstract String renderHtml();

    private static FormValidation of(Kind kind, String text) {
        String message = text == null ? null : escape(text);
        return new FormValidation(kind, message) {
            private static final long serialVersionUID = 1L;

            @Override
            public String renderHtml() {
                return message == null ? "<div/>" : message;
            }
        };
    }

    private static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<':
                    b.append("&lt;");
                    break;
                case '>':
                    b.append("&gt;");
                    break;
                case '&':
                    b.append("&amp;");
                    break;
                case '"':
                    b.append("&quot;");
                    break;
                case '\'':
                    b.append("&#039;");
                    break;
                case '\n':
                    b.append("<br>");
                    break;
                default:
                    b.append(c);
            }
        }
        return b.toString();
    }
}
