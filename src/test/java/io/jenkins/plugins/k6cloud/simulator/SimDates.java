package io.jenkins.plugins.k6cloud.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The date forms k6 Cloud v2 uses. */
final class SimDates {
    private static final DateTimeFormatter ZONELESS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ZULU =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MICROS_ZULU =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SPACE_OFFSET =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    private SimDates() {}

    /** {@code 2020-08-18T13:33:41}: reads and lists. */
    static String zoneless(Instant t) {
        return t == null ? null : ZONELESS.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    /** {@code 2020-08-13T18:28:45Z}: the start response. */
    static String zulu(Instant t) {
        return t == null ? null : ZULU.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    /** {@code 2021-05-24T12:59:18.180471Z} */
    static String microsZulu(Instant t) {
        return t == null ? null : MICROS_ZULU.format(t);
    }

    /** {@code 2020-08-18 13:36:41.348933+00:00}: threshold calc_state and odd payloads. */
    static String spaceOffset(Instant t) {
        return t == null ? null : SPACE_OFFSET.format(t);
    }
}
