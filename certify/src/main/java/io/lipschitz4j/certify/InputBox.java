package io.lipschitz4j.certify;

import java.util.Arrays;

/**
 * A box of network inputs, lower ≤ x ≤ upper coordinatewise over one flattened sample (C order). A
 * length-1 pair applies to every coordinate ({@link #uniform}). Used where no global constant exists
 * (a product a·b of two varying values, bounded by interval propagation over the box) and as the
 * sampling domain of the lower bound.
 *
 * @param lower lower corner (one value, or one per input coordinate)
 * @param upper upper corner, same length, ≥ lower
 */
public record InputBox(double[] lower, double[] upper) {

    public InputBox {
        if (lower == null || upper == null || lower.length != upper.length || lower.length == 0) {
            throw new IllegalArgumentException("input box: lower and upper must be non-empty and of one length");
        }
        for (int i = 0; i < lower.length; i++) {
            if (!(lower[i] <= upper[i]) || Double.isInfinite(lower[i]) || Double.isInfinite(upper[i])) {
                throw new IllegalArgumentException("input box: coordinate " + i + " needs finite lower <= upper, got ["
                        + lower[i] + ", " + upper[i] + "]");
            }
        }
        lower = lower.clone();
        upper = upper.clone();
    }

    /** The box [lo, hi]^d for any input dimension d, e.g. {@code uniform(0, 1)} for images. */
    public static InputBox uniform(double lo, double hi) { return new InputBox(new double[] {lo}, new double[] {hi}); }

    @Override public double[] lower() { return lower.clone(); }
    @Override public double[] upper() { return upper.clone(); }

    /** The lower corner expanded to dimension d (checks the dimension). */
    public double[] lower(int d) { return expand(lower, d); }

    /** The upper corner expanded to dimension d. */
    public double[] upper(int d) { return expand(upper, d); }

    private static double[] expand(double[] v, int d) {
        if (v.length == 1) {
            double[] o = new double[d];
            Arrays.fill(o, v[0]);
            return o;
        }
        if (v.length != d) throw new IllegalArgumentException("input box has " + v.length + " coordinates, the network input has " + d);
        return v.clone();
    }

    @Override public String toString() {
        return lower.length == 1 ? "[" + lower[0] + ", " + upper[0] + "]^d" : "InputBox(" + lower.length + " coordinates)";
    }

    @Override public boolean equals(Object o) {
        return o instanceof InputBox b && Arrays.equals(lower, b.lower) && Arrays.equals(upper, b.upper);
    }

    @Override public int hashCode() { return 31 * Arrays.hashCode(lower) + Arrays.hashCode(upper); }
}
