package dev.gpuops.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Latency samples in microseconds, kept whole (a bench run has at most a few hundred thousand), so percentiles are
 * exact and the report can draw the full distribution.
 */
public final class Latencies {

    /** The percentiles every table and report shows. */
    public static final double[] REPORTED = {50, 90, 99, 99.9, 100};

    private long[] micros = new long[1024];
    private int size;

    public synchronized void add(long micro) {
        if (size == micros.length) {
            micros = Arrays.copyOf(micros, size * 2);
        }
        micros[size++] = micro;
    }

    public void addNanos(long nanos) {
        add(nanos / 1_000);
    }

    public synchronized int count() {
        return size;
    }

    /** Percentile {@code p} (0..100) in milliseconds, nearest rank; NaN when there are no samples. */
    public synchronized double percentileMillis(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = sorted();
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.min(size - 1, Math.max(0, rank - 1))] / 1000.0;
    }

    /** The percentile curve: 0..99 by 1, then the tail to 99.999, and 100; the report plots it. */
    public synchronized Map<String, Double> curve() {
        Map<String, Double> curve = new LinkedHashMap<>();
        if (size == 0) {
            return curve;
        }
        for (double p : curvePoints()) {
            curve.put(label(p), percentileMillis(p));
        }
        return curve;
    }

    static List<Double> curvePoints() {
        List<Double> points = new ArrayList<>();
        for (int p = 0; p < 99; p++) {
            points.add((double) p);
        }
        for (double p : new double[] {99, 99.5, 99.9, 99.95, 99.99, 99.999, 100}) {
            points.add(p);
        }
        return points;
    }

    static String label(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }

    /** Counts per power-of-two-ish bucket (upper bound in ms → count), for the histogram. */
    public synchronized Map<String, Long> histogram() {
        Map<String, Long> buckets = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            String bound = bucket(micros[i] / 1000.0);
            buckets.merge(bound, 1L, Long::sum);
        }
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (double bound : BOUNDS) {
            String key = Histograms.format(bound);
            if (buckets.containsKey(key)) {
                ordered.put(key, buckets.get(key));
            }
        }
        return ordered;
    }

    static final double[] BOUNDS = Histograms.BOUNDS;

    private static String bucket(double millis) {
        return Histograms.format(Histograms.bound(millis));
    }

    public synchronized Map<String, Object> summary() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", size);
        for (double p : REPORTED) {
            out.put("p" + label(p), round(percentileMillis(p)));
        }
        return out;
    }

    static double round(double value) {
        return Double.isNaN(value) ? value : Math.round(value * 1000) / 1000.0;
    }

    private long[] sorted() {
        long[] copy = Arrays.copyOf(micros, size);
        Arrays.sort(copy);
        return copy;
    }
}
