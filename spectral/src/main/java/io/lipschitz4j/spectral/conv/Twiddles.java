package io.lipschitz4j.spectral.conv;

import io.lipschitz4j.linalg.Rounding;

/**
 * Table of e^{2πi·j/L}, j ∈ [0, L), for the DFT of a convolution symbol on an n₁×n₂ grid (L = n₁·n₂;
 * the phase of a tap offset Δ at frequency f is e^{2πi(Δ₁f₁/n₁ + Δ₂f₂/n₂)} = table entry
 * (Δ₁f₁n₂ + Δ₂f₂n₁) mod L, so every phase is one table lookup, not a product of rounded factors).
 *
 * <p>Rounding (certified): the angle is fl(fl(2·fl(π)·j)/L); fl(π) has relative error below u/2, and
 * the product and quotient add u each, so |θ̃ − θ| ≤ 2π·(2.5u + O(u²)) ≤ 16u; {@link Math#cos} and
 * {@link Math#sin} are within 1 ulp ≤ 2u of the exact value at θ̃ (their javadoc), and both are
 * 1-Lipschitz, so every entry is within {@link #ERROR} = 24u of the exact cosine/sine.
 */
public final class Twiddles {
    /** Certified bound on |table value − exact cos/sin(2πj/L)| for each component. */
    public static final double ERROR = 24 * Rounding.UNIT_ROUNDOFF;

    final int n1, n2, len;
    final double[] cos, sin;

    public Twiddles(int n1, int n2) {
        this.n1 = n1;
        this.n2 = n2;
        this.len = Math.multiplyExact(n1, n2);
        cos = new double[len];
        sin = new double[len];
        for (int j = 0; j < len; j++) {
            double t = 2 * Math.PI * j / len;
            cos[j] = Math.cos(t);
            sin[j] = Math.sin(t);
        }
    }

    /** Table index of the phase e^{2πi(d1·f1/n1 + d2·f2/n2)}. */
    public int index(long d1, long f1, long d2, long f2) {
        return (int) Math.floorMod(d1 * f1 * n2 + d2 * f2 * n1, (long) len);
    }

    public double cos(int index) { return cos[index]; }
    public double sin(int index) { return sin[index]; }
}
