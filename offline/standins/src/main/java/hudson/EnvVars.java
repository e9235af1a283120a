package hudson;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stand-in of jenkins-core's {@code hudson.EnvVars}: a case-insensitive {@link TreeMap} whose
 * {@link #expand(String)} does what core's {@code Util.replaceMacro} does (2.541.3): replaces
 * {@code $VAR} (letters, digits, {@code _}) and {@code ${VAR}} (also {@code .}), turns {@code $$}
 * into {@code $}, and leaves unknown names alone.
 */
public class EnvVars extends TreeMap<String, String> {
    private static final long serialVersionUID = 1L;
    private static final Pattern VARIABLE = Pattern.compile("\\$([A-Za-z0-9_]+|\\{([A-Za-z0-9_.]+)\\}|\\$)");

    public EnvVars() {
        super(String.CASE_INSENSITIVE_ORDER);
    }

    public EnvVars(Map<String, String> m) {
        this();
        putAll(m);
    }

    public String expand(String s) {
        if (s == null) {
            return null;
        }
        Matcher m = VARIABLE.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(2) != null ? m.group(2) : m.group(1);
            String value = name.equals("$") ? "$" : get(name);
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
