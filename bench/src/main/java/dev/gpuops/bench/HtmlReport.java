package dev.gpuops.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML page (inline CSS and SVG, nothing fetched): per case the numbers, the targets met or
 * missed, a latency histogram and a percentile plot on a "nines" axis, where the tail is visible.
 */
final class HtmlReport {

    private static final int W = 420;
    private static final int H = 200;
    private static final int PAD = 36;

    private HtmlReport() {
    }

    static String render(Map<String, Object> run, List<Result> results) {
        StringBuilder html = new StringBuilder("""
                <!doctype html><html><head><meta charset="utf-8"><title>gpuops bench</title><style>
                body{font:14px system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}
                h1{font-size:22px}h2{font-size:17px;margin:28px 0 4px;border-top:1px solid #ddd;padding-top:14px}
                table{border-collapse:collapse;margin:6px 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:right}
                th{background:#f4f4f4}.met{color:#0a7d2c;font-weight:600}.missed{color:#b3261e;font-weight:600}
                .note{color:#666}.charts{display:flex;gap:16px;flex-wrap:wrap}svg{background:#fafafa;border:1px solid #eee}
                svg text{font-size:10px;fill:#555}</style></head><body><h1>gpuops bench</h1>
                """);
        html.append("<p>").append(esc(String.valueOf(run.get("timestamp")))).append(" · commit ")
                .append(esc(String.valueOf(run.get("gitCommit")))).append(" · ").append(run.get("cpus"))
                .append(" CPUs · Java ").append(esc(String.valueOf(run.get("java")))).append(" · load average at start ")
                .append(esc(String.valueOf(run.get("loadAvgAtStart")))).append(Boolean.TRUE.equals(run.get("smoke"))
                        ? " · <b>smoke run (a few requests; numbers mean nothing)</b>" : "").append("</p>");
        html.append("<p class=note>Server JVM flags: <code>").append(esc(String.valueOf(run.get("serverFlags"))))
                .append("</code>. Load average is recorded per case: on a shared box, numbers taken under load are "
                        + "pessimistic.</p>");
        html.append(summary(results));
        String scenario = null;
        for (Result r : results) {
            if (!r.scenario().equals(scenario)) {
                scenario = r.scenario();
                html.append("<h2>").append(esc(scenario)).append("</h2>");
            }
            html.append(caseSection(r));
        }
        return html.append("</body></html>\n").toString();
    }

    private static String summary(List<Result> results) {
        StringBuilder out = new StringBuilder("<table><tr><th>scenario</th><th>case</th><th>target</th>"
                + "<th>measured</th><th></th></tr>");
        for (Result r : results) {
            for (Result.Goal g : r.goals()) {
                out.append("<tr><td>").append(esc(r.scenario())).append("</td><td>").append(esc(r.name()))
                        .append("</td><td>").append(esc(g.what())).append("</td><td>").append(esc(g.measured()))
                        .append("</td><td class=").append(g.met() ? "met>met" : "missed>missed").append("</td></tr>");
            }
        }
        return out.append("</table>").toString();
    }

    private static String caseSection(Result r) {
        StringBuilder out = new StringBuilder("<h3>").append(esc(r.name())).append("</h3>");
        if (!r.metrics().isEmpty()) {
            out.append("<table><tr>");
            r.metrics().keySet().forEach(k -> out.append("<th>").append(esc(k)).append("</th>"));
            out.append("</tr><tr>");
            r.metrics().values().forEach(v -> out.append("<td>").append(esc(Table.show(v))).append("</td>"));
            out.append("</tr></table>");
        }
        if (r.note() != null) {
            out.append("<p class=note>").append(esc(r.note())).append("</p>");
        }
        out.append("<p class=note>load average ").append(esc(r.loadAvg())).append("</p>");
        if (!r.histogram().isEmpty() || !r.curve().isEmpty()) {
            out.append("<div class=charts>").append(histogram(r.histogram())).append(percentiles(r.curve()))
                    .append("</div>");
        }
        return out.toString();
    }

    /** Bars per latency bucket (counts, linear). */
    static String histogram(Map<String, Long> buckets) {
        if (buckets.isEmpty()) {
            return "";
        }
        long max = buckets.values().stream().mapToLong(Long::longValue).max().orElse(1);
        int n = buckets.size();
        double bar = (W - 2.0 * PAD) / n;
        StringBuilder svg = svgOpen("latency histogram (requests per bucket, upper bound in ms)");
        int i = 0;
        for (Map.Entry<String, Long> b : buckets.entrySet()) {
            double h = (H - 2.0 * PAD) * b.getValue() / Math.max(1, max);
            double x = PAD + i * bar;
            svg.append(String.format(Locale.ROOT, "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='#4a7bd0'>"
                    + "<title>≤ %s ms: %d</title></rect>", x + 1, H - PAD - h, Math.max(1, bar - 2), h, b.getKey(),
                    b.getValue()));
            svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' text-anchor='middle'>%s</text>",
                    x + bar / 2, H - PAD + 12, esc(b.getKey())));
            i++;
        }
        return svg.append("</svg>").toString();
    }

    /** Latency (log ms) against percentile on a nines axis: 0, 90, 99, 99.9, 99.99, 99.999. */
    static String percentiles(Map<String, Double> curve) {
        if (curve.isEmpty()) {
            return "";
        }
        double maxMs = curve.values().stream().filter(v -> !v.isNaN()).mapToDouble(Double::doubleValue).max()
                .orElse(1);
        double minMs = Math.max(0.01, curve.values().stream().filter(v -> v > 0).mapToDouble(Double::doubleValue)
                .min().orElse(0.01));
        double top = Math.log10(Math.max(maxMs, minMs * 10));
        double bottom = Math.log10(minMs);
        StringBuilder svg = svgOpen("latency by percentile (ms, log scale)");
        List<String> points = new ArrayList<>();
        for (Map.Entry<String, Double> p : curve.entrySet()) {
            double x = PAD + (W - 2.0 * PAD) * nines(Double.parseDouble(p.getKey())) / 5.0;
            double y = H - PAD - (H - 2.0 * PAD) * (Math.log10(Math.max(p.getValue(), minMs)) - bottom)
                    / (top - bottom);
            points.add(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
        }
        svg.append("<polyline fill='none' stroke='#d0504a' stroke-width='2' points='")
                .append(String.join(" ", points)).append("'/>");
        String[] labels = {"0", "90", "99", "99.9", "99.99", "99.999"};
        for (int i = 0; i < labels.length; i++) {
            double x = PAD + (W - 2.0 * PAD) * i / 5.0;
            svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' text-anchor='middle'>%s</text>", x,
                    H - PAD + 12, labels[i]));
        }
        for (double ms : new double[] {minMs, Math.pow(10, (top + bottom) / 2), maxMs}) {
            double y = H - PAD - (H - 2.0 * PAD) * (Math.log10(ms) - bottom) / (top - bottom);
            svg.append(String.format(Locale.ROOT, "<text x='2' y='%.1f'>%s</text>", y + 3, Table.show(ms)));
        }
        return svg.append("</svg>").toString();
    }

    /** -log10(1 - p/100), capped at 5 nines (p = 100 is drawn there). */
    static double nines(double p) {
        return p >= 100 ? 5 : Math.min(5, -Math.log10(1 - p / 100.0));
    }

    private static StringBuilder svgOpen(String title) {
        return new StringBuilder(String.format(Locale.ROOT, "<svg width='%d' height='%d' viewBox='0 0 %d %d' "
                + "xmlns='http://www.w3.org/2000/svg'><text x='%d' y='16'>%s</text>"
                + "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#999'/>", W, H, W, H, PAD, esc(title), PAD, H - PAD,
                W - PAD, H - PAD));
    }

    static String esc(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
