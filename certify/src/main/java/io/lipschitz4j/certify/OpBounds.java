package io.lipschitz4j.certify;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Rounding;
import io.lipschitz4j.nn.Add;
import io.lipschitz4j.nn.AvgPool2d;
import io.lipschitz4j.nn.Conv2d;
import io.lipschitz4j.nn.Dense;
import io.lipschitz4j.nn.Flatten;
import io.lipschitz4j.nn.GroupSort;
import io.lipschitz4j.nn.LeakyReLU;
import io.lipschitz4j.nn.MaxMin;
import io.lipschitz4j.nn.ReLU;
import io.lipschitz4j.nn.Tanh;
import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.BoundKind;
import io.lipschitz4j.spectral.dense.GramIteration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The per-operation rules: a certified Lipschitz constant of one node with respect to each of its
 * inputs (see {@link GraphBound} for the list). Package-private; the public face is {@link NodeBound}.
 */
final class OpBounds {
    private OpBounds() {}

    /** A node's local result before the DAG combination. */
    record Local(double[] perInput, String method, BoundKind kind, double errorTerm, boolean loose, List<String> notes) {
        static Local exact(String method, double... perInput) {
            return new Local(perInput, method, BoundKind.UPPER, 0, false, List.of());
        }
    }

    static Local of(FlatNet net, FlatNet.Node n, CertifyOptions opt) {
        Object op = n.op();
        int[] in0 = net.shape(n.inputs()[0]);
        if (op instanceof Dense d) return fromBound(LinearBounds.dense(d.weight(), d.outFeatures(), d.inFeatures()), 0);
        if (op instanceof Conv2d c) {
            if (in0.length != 3) throw new IllegalArgumentException("node " + n.name() + ": Conv2d needs [C, H, W] samples, got " + Arrays.toString(in0));
            return fromBound(LinearBounds.conv(c, in0[1], in0[2], opt.convTolerance()), opt.convTolerance());
        }
        if (op instanceof ReLU) return Local.exact("exact: ReLU", ActivationConstants.relu());
        if (op instanceof Tanh) return Local.exact("exact: sup|tanh'| = 1", ActivationConstants.tanh());
        if (op instanceof LeakyReLU r) return Local.exact("exact: max(1, |slope|)", ActivationConstants.leakyRelu(r.negativeSlope()));
        if (op instanceof MaxMin || op instanceof GroupSort) return Local.exact("exact: sorting permutes coordinates", 1.0);
        if (op instanceof Flatten) return Local.exact("exact: reshape", 1.0);
        if (op instanceof AvgPool2d p) {
            int[] w = p.window(), s = p.stride();
            if (in0.length != 3) throw new IllegalArgumentException("node " + n.name() + ": AvgPool2d needs [C, H, W] samples, got " + Arrays.toString(in0));
            double v = Rounding.mulUp(averaging1d(in0[1], w[0], s[0], 0, 1, false), averaging1d(in0[2], w[1], s[1], 0, 1, false));
            return Local.exact("norm of the separable averaging operator (Gram iteration per axis)", Math.min(v, p.lipschitzUpper()));
        }
        if (op instanceof Add) {
            double[] ones = new double[n.inputs().length];
            Arrays.fill(ones, 1.0);
            return Local.exact("sum: Lip(Σfᵢ) ≤ ΣLip(fᵢ)", ones);
        }
        throw new IllegalArgumentException("node " + n.name() + ": no Lipschitz rule for operation " + op
                + " (" + op.getClass().getSimpleName() + ")");
    }

    static Local fromBound(Bound b, double tol) {
        List<String> notes = new ArrayList<>();
        boolean loose = false;
        if (!b.certified() || b.kind() != BoundKind.UPPER) throw new IllegalStateException("not a certified upper bound: " + b);
        if (b.value() > 0 && b.errorTerm() > Math.max(tol, 1e-9) * b.value()) {
            loose = true;
            notes.add(String.format("error term %.3g is %.2g of the value", b.errorTerm(), b.errorTerm() / b.value()));
        }
        if (b.method().contains("circular embedding")) {
            notes.add("zero padding bounded through its circular embedding (≥ the zero-padded norm)");
        }
        return new Local(new double[] {b.value()}, b.method(), BoundKind.UPPER, b.errorTerm(), loose, notes);
    }

    /**
     * Certified UPPER on ‖A‖₂ of the 1-D averaging (or window-sum/k) operator of n inputs, window k,
     * stride s, padding p on each side, dilation d: row i averages x[i·s + a·d − p] for a &lt; k (zeros
     * outside; the divisor stays k, as count_include_pad pooling does).
     */
    static double averaging1d(int n, int k, int s, int p, int d, boolean ceil) {
        int span = n + 2 * p - d * (k - 1) - 1;
        int o = (ceil ? (span + s - 1) / s : span / s) + 1;
        double[] a = new double[o * n];
        for (int i = 0; i < o; i++) {
            for (int t = 0; t < k; t++) {
                int j = i * s + t * d - p;
                if (j >= 0 && j < n) a[i * n + j] += 1.0 / k;
            }
        }
        // 1/k is inexact for k not a power of two: scale k·A (integer entries, exact) and divide after
        for (int i = 0; i < a.length; i++) a[i] = Math.rint(a[i] * k);
        Bound b = new GramIteration(20, 1e-15).norm(new DenseMatrix(o, n, a));
        return Rounding.divUp(b.value(), k);
    }
}
