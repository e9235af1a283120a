package io.jenkins.plugins.k6cloud.action;

import java.math.BigDecimal;

/** Threshold values as people read them: {@code 250}, {@code 0.05}, {@code 312.46}. */
final class ThresholdValues {
    private ThresholdValues() {}

    static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        BigDecimal d = BigDecimal.valueOf(value);
        if (d.scale() > 2) {
            d = d.setScale(d.abs().compareTo(BigDecimal.ONE) < 0 ? 4 : 2, java.math.RoundingMode.HALF_UP);
        }
        d = d.stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }
}
