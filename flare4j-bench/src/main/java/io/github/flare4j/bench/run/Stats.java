package io.github.flare4j.bench.run;

import java.util.Arrays;
import java.util.List;

/**
 * Mean, sample standard deviation, minimum and maximum of some measurements.
 *
 * @param mean the mean
 * @param sd   the sample standard deviation (0 for one value)
 * @param min  the smallest
 * @param max  the largest
 * @param n    how many
 */
public record Stats(double mean, double sd, double min, double max, int n) {

    /** The statistics of {@code values}, which must not be empty. */
    public static Stats of(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        double mean = Arrays.stream(v).average().orElseThrow();
        double squares = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
        double sd = v.length > 1 ? Math.sqrt(squares / (v.length - 1)) : 0;
        return new Stats(mean, sd, Arrays.stream(v).min().orElseThrow(), Arrays.stream(v).max().orElseThrow(), v.length);
    }

    /** The spread as a percentage of the mean. */
    public double relativeSd() {
        return mean == 0 ? 0 : 100 * sd / mean;
    }
}
