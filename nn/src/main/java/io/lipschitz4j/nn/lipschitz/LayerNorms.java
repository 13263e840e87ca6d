package io.lipschitz4j.nn.lipschitz;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.nn.Conv2d;
import io.lipschitz4j.nn.Conv2dSpec;
import io.lipschitz4j.nn.Dense;
import io.lipschitz4j.nn.PaddingMode;
import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.BoundKind;
import io.lipschitz4j.spectral.conv.CertifiedConvNorm;
import io.lipschitz4j.spectral.conv.Convolution;
import io.lipschitz4j.spectral.conv.Padding;
import io.lipschitz4j.spectral.dense.GramIteration;

/**
 * Certified per-layer ℓ₂ operator norms from the spectral engine.
 *
 * <p>Dense: the Gram iteration (Delattre et al. 2023), a certified UPPER bound on ‖W‖₂.
 *
 * <p>Conv2d at input size H×W: {@link #convolution} builds the spectral {@link Convolution} of the
 * layer's real geometry. Zero padding maps one to one (same output-size formula and index map). For
 * circular padding the spectral record fixes the offset d·⌊k/2⌋ and the output size ⌈n/s⌉, while the
 * layer reads x[(i·s + a·d − p) mod n] for i &lt; o = ⌊(n + 2p − d(k−1) − 1)/s⌋ + 1. A different
 * offset is an orthogonal circular shift of the input (no effect on norms), and every output row i of
 * the layer is row (i·s) mod n of the stride-1 circular operator A₁ (or row i mod n/s of the stride-s
 * operator A_s when s divides n), so the layer is R·A·P with P a permutation and R a row selection
 * with repetitions: ‖R·A·P‖₂ ≤ √(max row multiplicity)·‖A‖₂, the multiplicity counted per axis (1 when
 * o ≤ n/s). {@link Mapped#factor} carries that √m. Then {@link CertifiedConvNorm#certifiedSigmaMax}
 * gives a certified UPPER on ‖A‖₂ (zero padding through its circular embedding), multiplied by the
 * factor with outward rounding.
 */
public final class LayerNorms {
    private LayerNorms() {}

    /** A spectral convolution and a factor with ‖layer‖₂ ≤ factor·‖conv‖₂ (factor 1: the same operator up to a permutation). */
    public record Mapped(Convolution conv, double factor) {}

    /** The spectral convolution of a layer at input size h×w (see the class comment). */
    public static Mapped convolution(Conv2d layer, int h, int w) {
        Conv2dSpec s = layer.spec();
        int[] n = {h, w}, k = {s.kH(), s.kW()}, st = {s.sH(), s.sW()}, d = {s.dH(), s.dW()}, p = {s.pH(), s.pW()};
        if (s.mode() == PaddingMode.ZEROS) {
            return new Mapped(new Convolution(layer.weight(), n, Padding.ZERO, p, st, d, s.groups()), 1.0);
        }
        boolean divides = h % st[0] == 0 && w % st[1] == 0;
        int[] stride = divides ? st : new int[] {1, 1};
        long mult = 1;
        for (int a = 0; a < 2; a++) {
            int o = Conv2dSpec.outSize(n[a], k[a], st[a], p[a], d[a]);
            int rowsOfA = divides ? n[a] / st[a] : n[a];
            int[] count = new int[rowsOfA];
            int max = 0;
            for (int i = 0; i < o; i++) {
                int r = divides ? i % rowsOfA : (int) (((long) i * st[a]) % n[a]);
                max = Math.max(max, ++count[r]);
            }
            mult *= max;
        }
        double factor = mult == 1 ? 1.0 : Math.nextUp(Math.sqrt(mult));
        return new Mapped(new Convolution(layer.weight(), n, Padding.CIRCULAR, new int[2], stride, d, s.groups()), factor);
    }

    /** Certified UPPER bound on ‖W‖₂ of a dense layer (Gram iteration). */
    public static Bound upper(Dense layer) {
        return new GramIteration().norm(new DenseMatrix(layer.outFeatures(), layer.inFeatures(), layer.weight().data()));
    }

    /** Certified UPPER bound on the operator norm of a convolution layer at input size h×w (within ~1e-9). */
    public static Bound upper(Conv2d layer, int h, int w) {
        return upper(layer, h, w, 1e-9);
    }

    /**
     * Certified UPPER bound on the operator norm of a convolution layer at input size h×w, within about
     * {@code relTol} of the exact value of the certified operator ({@link CertifiedConvNorm#certifiedSigmaMax(io.lipschitz4j.spectral.conv.Convolution, double)}).
     */
    public static Bound upper(Conv2d layer, int h, int w, double relTol) {
        Mapped m = convolution(layer, h, w);
        Bound b = CertifiedConvNorm.certifiedSigmaMax(m.conv(), relTol);
        if (m.factor() == 1.0) return b;
        return new Bound(Math.nextUp(b.value() * m.factor()), BoundKind.UPPER, Math.nextUp(b.errorTerm() * m.factor()),
                b.method() + " x sqrt(row multiplicity)", b.iterations(), b.status(), b.residual(), b.time());
    }

    /** Certified UPPER for a Dense, or for a Conv2d at the input size of its last forward. */
    public static Bound upper(io.lipschitz4j.nn.Layer layer) {
        if (layer instanceof Dense dl) return upper(dl);
        if (layer instanceof Conv2d c) {
            int[] hw = c.lastInputSize();
            if (hw == null) throw new IllegalStateException(c + ": input size unknown before the first forward");
            return upper(c, hw[0], hw[1]);
        }
        throw new IllegalArgumentException("not a linear layer: " + layer);
    }
}
