package dev.gpuops.bench;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The plain-text table printed after each scenario and at the end. */
final class Table {

    private Table() {
    }

    static String render(List<Result> results) {
        StringBuilder out = new StringBuilder();
        for (Result r : results) {
            out.append(String.format("%-12s %-16s %s%n", r.scenario(), r.name(), metrics(r.metrics())));
            for (Result.Goal goal : r.goals()) {
                out.append(String.format("%30s %s %s (measured %s)%n", "", goal.met() ? "MET   " : "MISSED",
                        goal.what(), goal.measured()));
            }
            if (r.note() != null) {
                out.append(String.format("%30s %s%n", "", r.note()));
            }
            out.append(String.format("%30s load average %s%n", "", r.loadAvg()));
        }
        return out.toString();
    }

    private static String metrics(Map<String, Object> metrics) {
        return metrics.entrySet().stream().map(e -> e.getKey() + "=" + show(e.getValue()))
                .collect(Collectors.joining(" "));
    }

    static String show(Object value) {
        if (value instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e12 ? Long.toString(d.longValue())
                    : String.format(java.util.Locale.ROOT, d < 10 ? "%.2f" : "%.1f", d);
        }
        return String.valueOf(value);
    }
}
