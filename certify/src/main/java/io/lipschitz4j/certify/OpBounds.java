package io.lipschitz4j.certify;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Rounding;
import io.lipschitz4j.nn.Activation;
import io.lipschitz4j.nn.Add;
import io.lipschitz4j.nn.Clip;
import io.lipschitz4j.nn.Concat;
import io.lipschitz4j.nn.Conv2dSpec;
import io.lipschitz4j.nn.ConvTranspose2d;
import io.lipschitz4j.nn.ElementwiseAffine;
import io.lipschitz4j.nn.GlobalAvgPool2d;
import io.lipschitz4j.nn.HardSigmoid;
import io.lipschitz4j.nn.HardSwish;
import io.lipschitz4j.nn.Identity;
import io.lipschitz4j.nn.MaxPool2d;
import io.lipschitz4j.nn.Multiply;
import io.lipschitz4j.nn.PReLU;
import io.lipschitz4j.nn.PaddingMode;
import io.lipschitz4j.nn.Reshape;
import io.lipschitz4j.nn.SiLU;
import io.lipschitz4j.nn.Sigmoid;
import io.lipschitz4j.nn.Softmax;
import io.lipschitz4j.nn.Subtract;
import io.lipschitz4j.nn.Transpose;
import io.lipschitz4j.linalg.Tensor;
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

    static Local of(FlatNet net, FlatNet.Node n, CertifyOptions opt, IntervalPropagation.Interval[] iv) {
        Object op = n.op();
        int[] in0 = net.shape(n.inputs()[0]);
        if (op instanceof Dense d) return fromBound(LinearBounds.dense(d.weight(), d.outFeatures(), d.inFeatures()), 0);
        if (op instanceof Conv2d c) {
            if (in0.length != 3) throw new IllegalArgumentException("node " + n.name() + ": Conv2d needs [C, H, W] samples, got " + Arrays.toString(in0));
            return fromBound(LinearBounds.conv(c, in0[1], in0[2], opt.convTolerance()), opt.convTolerance());
        }
        if (op instanceof ConvTranspose2d t) {
            if (in0.length != 3) throw new IllegalArgumentException("node " + n.name() + ": ConvTranspose2d needs [C, H, W] samples, got " + Arrays.toString(in0));
            // ‖T‖ = ‖Tᵀ‖: the adjoint is the Conv2d C_out → C_in with the same kernel layout, read on the
            // transpose's output size (with output padding it has ≥ the needed rows: still an upper bound)
            Conv2dSpec s = t.spec();
            Conv2dSpec adj = new Conv2dSpec(s.outChannels(), s.inChannels(), s.kH(), s.kW(), s.sH(), s.sW(), s.pH(), s.pW(),
                    s.dH(), s.dW(), s.groups(), PaddingMode.ZEROS, false);
            Local l = fromBound(LinearBounds.conv(new Conv2d(adj, t.weight(), null), n.shape()[1], n.shape()[2], opt.convTolerance()), opt.convTolerance());
            return new Local(l.perInput(), "adjoint conv: " + l.method(), l.kind(), l.errorTerm(), l.loose(), l.notes());
        }
        if (op instanceof ReLU) return Local.exact("exact: ReLU", ActivationConstants.relu());
        if (op instanceof Tanh) return Local.exact("exact: sup|tanh'| = 1", ActivationConstants.tanh());
        if (op instanceof LeakyReLU r) return Local.exact("exact: max(1, |slope|)", ActivationConstants.leakyRelu(r.negativeSlope()));
        if (op instanceof PReLU r) return Local.exact("exact: max(1, max|slope|)", ActivationConstants.prelu(r.slope().data()));
        if (op instanceof Sigmoid) return Local.exact("exact: sup|σ'| = 1/4", ActivationConstants.sigmoid());
        if (op instanceof HardSigmoid h) return Local.exact("exact: |alpha|", ActivationConstants.hardSigmoid(h.alpha()));
        if (op instanceof HardSwish) return Local.exact("exact: sup|hardswish'| = 3/2", ActivationConstants.hardSwish());
        if (op instanceof SiLU) return Local.exact("exact: sup|silu'| at x* = 2.3994", ActivationConstants.silu());
        if (op instanceof Clip c) return Local.exact(c.min() == c.max() ? "exact: constant" : "exact: clip", c.min() == c.max() ? 0 : ActivationConstants.clip());
        if (op instanceof Softmax) return Local.exact("exact: ‖diag(p) − ppᵀ‖₂ ≤ 1/2", ActivationConstants.softmax());
        if (op instanceof Identity || op instanceof Reshape || op instanceof Transpose || op instanceof Flatten) {
            return Local.exact("exact: reshape/permutation", 1.0);
        }
        if (op instanceof MaxMin || op instanceof GroupSort) return Local.exact("exact: sorting permutes coordinates", 1.0);
        if (op instanceof ElementwiseAffine e) {
            double m = 0;
            for (double v : e.scale().data()) m = Math.max(m, Math.abs(v));
            return Local.exact("exact: max|scale|", m);
        }
        if (op instanceof MaxPool2d p) {
            if (in0.length != 3) throw new IllegalArgumentException("node " + n.name() + ": MaxPool2d needs [C, H, W] samples, got " + Arrays.toString(in0));
            int[] k = p.window(), st = p.stride(), pad = p.padding(), dil = p.dilation();
            long m = (long) windowsPerInput(in0[1], n.shape()[1], k[0], st[0], pad[0], dil[0])
                    * windowsPerInput(in0[2], n.shape()[2], k[1], st[1], pad[1], dil[1]);
            return Local.exact("√(most windows sharing one input) = √" + m, sqrtUp(m));
        }
        if (op instanceof GlobalAvgPool2d) {
            if (in0.length != 3) throw new IllegalArgumentException("node " + n.name() + ": GlobalAvgPool2d needs [C, H, W] samples, got " + Arrays.toString(in0));
            double hw = (double) in0[1] * in0[2];
            return Local.exact("exact: 1/√(H·W)", Rounding.divUp(1.0, Rounding.sqrtDown(hw)));
        }
        if (op instanceof Activation a) {
            return Local.exact("declared by the layer (Activation.lipschitzConstant)", a.lipschitzConstant());
        }
        if (op instanceof AvgPool2d p) {
            int[] w = p.window(), s = p.stride();
            if (in0.length != 3) throw new IllegalArgumentException("node " + n.name() + ": AvgPool2d needs [C, H, W] samples, got " + Arrays.toString(in0));
            double v = Rounding.mulUp(averaging1d(in0[1], w[0], s[0], 0, 1, false), averaging1d(in0[2], w[1], s[1], 0, 1, false));
            return Local.exact("norm of the separable averaging operator (Gram iteration per axis)", Math.min(v, p.lipschitzUpper()));
        }
        if (op instanceof Add || op instanceof Subtract || op instanceof Concat) {
            double[] ones = new double[n.inputs().length];
            Arrays.fill(ones, 1.0);
            return Local.exact(op instanceof Concat ? "concatenation: √(ΣLip(fᵢ)²)" : "sum: Lip(f ± g) ≤ Lip(f) + Lip(g)", ones);
        }
        if (op instanceof Multiply) return product(net, n, iv);
        throw new IllegalArgumentException("node " + n.name() + ": no Lipschitz rule for operation " + op
                + " (" + op.getClass().getSimpleName() + ")");
    }

    /**
     * y = a ⊙ b (broadcast): y − y' = (a − a')⊙b + a'⊙(b − b'), and a broadcast that repeats each entry
     * ρ times has norm √ρ, so Lip ≤ max|b|·√ρ_a·L_a + max|a|·√ρ_b·L_b with the maxima over the input box
     * (interval propagation). Without a box: unbounded (+∞).
     */
    private static Local product(FlatNet net, FlatNet.Node n, IntervalPropagation.Interval[] iv) {
        int a = n.inputs()[0], b = n.inputs()[1];
        if (iv == null) {
            return new Local(new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY}, "unbounded", BoundKind.UPPER, 0, true,
                    List.of("a product of two varying values has no global Lipschitz constant; give an input box (CertifyOptions.withBox)"));
        }
        long out = Tensor.sizeOf(n.shape());
        double ra = sqrtUp(out / Tensor.sizeOf(net.shape(a))), rb = sqrtUp(out / Tensor.sizeOf(net.shape(b)));
        double ma = iv[a].maxAbs(), mb = iv[b].maxAbs();
        return new Local(new double[] {Rounding.mulUp(mb, ra), Rounding.mulUp(ma, rb)},
                "product on the input box: max|b|·√ρ_a, max|a|·√ρ_b (interval propagation)", BoundKind.UPPER, 0, true,
                List.of(String.format("valid on the input box only; max|%s| ≤ %.4g, max|%s| ≤ %.4g", net.name(a), ma, net.name(b), mb)));
    }

    /**
     * The most windows that contain one input position along an axis: window i reads positions
     * i·s + t·d − p (t &lt; k) for the o windows of the layer.
     */
    static int windowsPerInput(int n, int o, int k, int s, int p, int d) {
        int[] count = new int[n];
        int max = 0;
        for (int i = 0; i < o; i++) {
            for (int t = 0; t < k; t++) {
                int j = i * s + t * d - p;
                if (j >= 0 && j < n) max = Math.max(max, ++count[j]);
            }
        }
        return Math.max(max, 1);
    }

    /** √m rounded up, exact for perfect squares (IEEE sqrt is correctly rounded). */
    static double sqrtUp(long m) {
        double s = Math.sqrt((double) m);
        return (long) s * (long) s == m ? s : Math.nextUp(s);
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
