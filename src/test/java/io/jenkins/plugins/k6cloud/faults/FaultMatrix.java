package io.jenkins.plugins.k6cloud.faults;

import java.util.ArrayList;
import java.util.List;

/** Every row of the fault matrix, by category. */
final class FaultMatrix {
    private FaultMatrix() {}

    static List<FaultScenario> all() {
        List<FaultScenario> rows = new ArrayList<>();
        rows.addAll(ApiFaultRows.rows());
        rows.addAll(CancelRows.rows());
        rows.addAll(ResumeRows.rows());
        rows.addAll(BadInputRows.rows());
        rows.addAll(MetricsReadRows.rows());
        rows.addAll(UploadRows.rows());
        return rows;
    }
}
