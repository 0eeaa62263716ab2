package dev.gpuops.bench;

import java.util.List;

/** One named scenario of {@code ./gpuops bench}; it warms up first, then measures. */
interface Scenario {

    String name();

    /** One line for the usage text. */
    String description();

    List<Result> run(BenchContext context) throws Exception;
}
