package io.jenkins.plugins.k6cloud.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code multipart/form-data} body (RFC 7578) split into its parts, for the v6 create route and the contract check.
 */
record Multipart(List<Part> parts) {
    private static final Pattern BOUNDARY = Pattern.compile("(?i);\\s*boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("(?i);\\s*name=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern FILE_NAME = Pattern.compile("(?i);\\s*filename=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /**
     * One part.
     *
     * @param fileName the {@code filename} of its {@code Content-Disposition}, or {@code null} (a plain field)
     * @param contentType its {@code Content-Type}, or {@code null}
     */
    record Part(String name, String fileName, String contentType, byte[] data) {
        String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    /** The first part named {@code name}, or {@code null}. */
    Part part(String name) {
        return parts.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    static boolean isMultipart(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    static Multipart parse(String contentType, byte[] body) {
        if (!isMultipart(contentType)) {
            throw new BadRequestException("The body must be multipart/form-data, not " + contentType + ".");
        }
        Matcher b = BOUNDARY.matcher(contentType);
        if (!b.find()) {
            throw new BadRequestException("The multipart/form-data Content-Type has no boundary.");
        }
        byte[] delimiter = ("--" + b.group(1)).getBytes(StandardCharsets.ISO_8859_1);
        byte[] next = ("\r\n--" + b.group(1)).getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(body, delimiter, 0);
        if (at != 0) {
            throw new BadRequestException("The multipart body does not start with its boundary.");
        }
        List<Part> parts = new ArrayList<>();
        int pos = delimiter.length;
        while (true) {
            if (startsWith(body, pos, "--")) {
                return new Multipart(List.copyOf(parts));
            }
            if (!startsWith(body, pos, "\r\n")) {
                throw new BadRequestException("A multipart boundary is not followed by a line break.");
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), pos + 2);
            int end = headersEnd < 0 ? -1 : indexOf(body, next, headersEnd + 4);
            if (end < 0) {
                throw new BadRequestException("A multipart part is not closed by the boundary.");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            String head = new String(body, pos + 2, headersEnd - pos - 2, StandardCharsets.UTF_8);
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new BadRequestException("A multipart part has a malformed header: " + line);
                }
                headers.put(
                        line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).strip());
            }
            String disposition = headers.get("content-disposition");
            Matcher name = disposition == null ? null : NAME.matcher(disposition);
            if (name == null || !disposition.toLowerCase(Locale.ROOT).startsWith("form-data") || !name.find()) {
                throw new BadRequestException("A multipart part has no Content-Disposition: form-data; name=...");
            }
            Matcher file = FILE_NAME.matcher(disposition);
            parts.add(new Part(
                    unquote(name.group(1)),
                    file.find() ? unquote(file.group(1)) : null,
                    headers.get("content-type"),
                    Arrays.copyOfRange(body, headersEnd + 4, end)));
            pos = end + next.length;
        }
    }

    private static String unquote(String s) {
        return s.replaceAll("\\\\(.)", "$1");
    }

    private static boolean startsWith(byte[] body, int pos, String text) {
        byte[] t = text.getBytes(StandardCharsets.ISO_8859_1);
        return pos + t.length <= body.length && Arrays.equals(body, pos, pos + t.length, t, 0, t.length);
    }

    private static int indexOf(byte[] body, byte[] what, int from) {
        outer:
        for (int i = Math.max(0, from); i <= body.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (body[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
