package dev.gpuops.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Log-spaced latency buckets (ms upper bounds), shared by Java-measured samples and wrk's percentile curves. */
final class Histograms {

    static final double[] BOUNDS = {0.1, 0.2, 0.5, 1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 70, 100, 150, 200, 300, 500, 700,
            1000, 1500, 2000, 3000, 5000, 10000, 30000, 60000, Double.MAX_VALUE};

    private Histograms() {
    }

    static double bound(double millis) {
        for (double bound : BOUNDS) {
            if (millis <= bound) {
                return bound;
            }
        }
        return Double.MAX_VALUE;
    }

    static String format(double bound) {
        if (bound == Double.MAX_VALUE) {
            return "inf";
        }
        return bound == Math.rint(bound) ? Long.toString((long) bound) : String.format(Locale.ROOT, "%.1f", bound);
    }

    /**
     * A histogram from a percentile curve (percentile → ms): each slice between two neighbouring percentiles holds
     * that share of the requests, put in the bucket of its upper latency. Used for wrk, which reports percentiles.
     */
    static Map<String, Long> fromCurve(Map<String, Double> curve, long requests) {
        Map<String, Double> shares = new LinkedHashMap<>();
        double previous = 0;
        for (Map.Entry<String, Double> point : curve.entrySet()) {
            double p = Double.parseDouble(point.getKey());
            double share = (p - previous) / 100.0;
            previous = p;
            if (share > 0) {
                shares.merge(format(bound(point.getValue())), share, Double::sum);
            }
        }
        Map<String, Long> histogram = new LinkedHashMap<>();
        for (double b : BOUNDS) {
            Double share = shares.get(format(b));
            if (share != null) {
                histogram.put(format(b), Math.round(share * requests));
            }
        }
        return histogram;
    }
}
