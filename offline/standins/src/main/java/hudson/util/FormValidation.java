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
        if (text == null && kind != Kind.OK) {
            return ok(); // as core's _errorWithMarkup: no message, no error
        }
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
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
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
                case ' ':
                    // as core's Util.escape: every space of a run but the last is a non-breaking one
                    b.append(i + 1 < text.length() && text.charAt(i + 1) == ' ' ? "&nbsp;" : " ");
                    break;
                default:
                    b.append(c);
            }
        }
        return b.toString();
    }
}
