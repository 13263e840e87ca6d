package io.lipschitz4j.spectral.conv;

import io.lipschitz4j.linalg.Tensor;

/**
 * Polyphase form of a strided CIRCULAR convolution: when the stride s divides n on every axis, the
 * strided layer equals (up to an orthogonal permutation of its input) a stride-1 circular
 * convolution on the s^d phase images x_r[m] = x[s·m + r] of size n/s, with kernel
 * [out, (in/groups)·s₁s₂, k₁', k₂'].
 *
 * <p>Per axis, tap a reads input index i·s + a·d − p = s·(i + q(a)) + r(a) with
 * q(a) = ⌊(a·d − p)/s⌋, r(a) = (a·d − p) mod s (p = d·⌊k/2⌋), and since s | n,
 * (i·s + a·d − p) mod n = s·((i + q(a)) mod n/s) + r(a). So y[i] = Σ_a K[a]·x_{r(a)}[(i + q(a)) mod n/s]:
 * the phase kernel is K'[o, (c, r), t] = Σ_{a: r(a) = r, q(a) − q_min = t} K[o, c, a], of size
 * k' = q(k−1) − q(0) + 1 (= ⌈k/s⌉ or ⌈k/s⌉ + 1 with dilation 1). Input channel (c, r₁, r₂) is
 * numbered (c·s₁ + r₁)·s₂ + r₂, which keeps group blocks contiguous, so groups carry over.
 * The offset of the new layer (⌊k'/2⌋) differs from −q_min; {@link #permuteInput} applies the
 * matching cyclic shift, so A_strided·x = A_phase·(Πx) with Π a permutation: same singular values,
 * and every bound of the phase layer is a bound of the same kind for the strided one.
 * Cost O(size of K); exact (only additions of kernel entries that share a (phase, tap): those sums
 * are rounded, which matters only for dilations d ≥ s where distinct taps can coincide — see
 * {@link #exact}).
 */
public final class Polyphase {
    private Polyphase() {}

    /** True for a CIRCULAR layer whose stride divides the input size on every axis. */
    public static boolean applies(Convolution conv) {
        if (conv.padding() != Padding.CIRCULAR) return false;
        for (int a = 0; a < conv.spatialDims(); a++) if (conv.inputSize()[a] % conv.stride()[a] != 0) return false;
        return true;
    }

    /**
     * True when no two taps land on the same (phase, tap) slot, so the phase kernel is a pure
     * rearrangement of K (no rounded additions) and bounds transfer without any rounding question.
     */
    public static boolean exact(Convolution conv) {
        for (int ax = 0; ax < conv.spatialDims(); ax++) {
            Axis g = axis(conv, ax);
            java.util.Set<Long> seen = new java.util.HashSet<>();
            for (int a = 0; a < g.k; a++) if (!seen.add((long) g.r(a) * 1_000_003L + g.q(a))) return false;
        }
        return true;
    }

    /** The stride-1 phase layer (see the class comment). */
    public static Convolution transform(Convolution conv) {
        if (!applies(conv)) throw new IllegalArgumentException("polyphase needs CIRCULAR padding and stride dividing n");
        boolean two = conv.spatialDims() == 2;
        Axis g1 = axis(conv, 0), g2 = two ? axis(conv, 1) : Axis.trivial();
        int out = conv.outChannels(), cinG = conv.kernel().dim(1);
        int ss = g1.s * g2.s, kp1 = g1.kp(), kp2 = g2.kp();
        double[] k = conv.kernel().data();
        double[] kp = new double[out * cinG * ss * kp1 * kp2];
        for (int o = 0; o < out; o++) for (int c = 0; c < cinG; c++) for (int a1 = 0; a1 < g1.k; a1++) for (int a2 = 0; a2 < g2.k; a2++) {
            int ch = (c * g1.s + g1.r(a1)) * g2.s + g2.r(a2);
            int t1 = g1.q(a1) - g1.q(0), t2 = g2.q(a2) - g2.q(0);
            kp[((o * cinG * ss + ch) * kp1 + t1) * kp2 + t2] += k[((o * cinG + c) * g1.k + a1) * g2.k + a2];
        }
        int[] shape = two ? new int[] {out, cinG * ss, kp1, kp2} : new int[] {out, cinG * ss, kp1};
        int[] n = two ? new int[] {g1.n / g1.s, g2.n / g2.s} : new int[] {g1.n / g1.s};
        int[] ones = two ? new int[] {1, 1} : new int[] {1};
        return new Convolution(new Tensor(shape, kp), n, Padding.CIRCULAR, new int[ones.length], ones, ones.clone(), conv.groups());
    }

    /** Πx: the input of {@link #transform}'s layer for the strided layer's input x (a permutation). */
    public static double[] permuteInput(Convolution conv, double[] x) {
        Convolution t = transform(conv);
        boolean two = conv.spatialDims() == 2;
        Axis g1 = axis(conv, 0), g2 = two ? axis(conv, 1) : Axis.trivial();
        int m1 = g1.n / g1.s, m2 = g2.n / g2.s;
        int sh1 = t.offset(0) + g1.q(0), sh2 = two ? t.offset(1) + g2.q(0) : 0;
        int in = conv.inChannels();
        double[] xp = new double[x.length];
        for (int c = 0; c < in; c++) for (int r1 = 0; r1 < g1.s; r1++) for (int r2 = 0; r2 < g2.s; r2++)
            for (int i1 = 0; i1 < m1; i1++) for (int i2 = 0; i2 < m2; i2++) {
                int ch = (c * g1.s + r1) * g2.s + r2;
                int j1 = g1.s * Math.floorMod(i1 + sh1, m1) + r1, j2 = g2.s * Math.floorMod(i2 + sh2, m2) + r2;
                xp[(ch * m1 + i1) * m2 + i2] = x[(c * g1.n + j1) * g2.n + j2];
            }
        return xp;
    }

    private record Axis(int n, int k, int s, int d, int p) {
        static Axis trivial() { return new Axis(1, 1, 1, 1, 0); }
        int q(int a) { return Math.floorDiv(a * d - p, s); }
        int r(int a) { return Math.floorMod(a * d - p, s); }
        int kp() { return q(k - 1) - q(0) + 1; }
    }

    private static Axis axis(Convolution c, int ax) {
        return new Axis(c.inputSize()[ax], c.kernelSize(ax), c.stride()[ax], c.dilation()[ax], c.offset(ax));
    }
}
