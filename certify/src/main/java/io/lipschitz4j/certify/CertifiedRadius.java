package io.lipschitz4j.certify;

import io.lipschitz4j.linalg.Rounding;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.Dense;
import io.lipschitz4j.nn.Layer;
import io.lipschitz4j.nn.Precision;

import java.util.ArrayList;
import java.util.List;

/**
 * Certified ℓ₂ robustness radii of a classifier f (logits) with Lipschitz bounds.
 *
 * <p>If ‖f(x + δ) − f(x)‖₂ ≤ L‖δ‖₂ and the margin m = f_y(x) − max_{j≠y} f_j(x) is positive, then
 * f_y − f_j changes by at most √2·L‖δ‖ (the map z ↦ z_y − z_j has norm √2), so the class is constant on
 * the ball of radius r = m/(√2·L) (Tsuzuku, Sato and Sugiyama 2018, Prop. 1). Per pair: x ↦ f_y − f_j
 * has Lipschitz constant L_{yj} ≤ ‖(e_y − e_j)ᵀW‖₂·L_rest when the last node is a Dense layer W (after
 * linear-chain merging) and L_rest bounds everything before it, giving
 * r = min_{j≠y}(f_y − f_j)/L_{yj} — never smaller than the global form when W's rows are balanced and
 * often larger. The reported radius is the larger of the two (both are certified).
 *
 * <p>Rounding: the logits are enclosed by {@link IntervalPropagation} on the point box {x} (rigorous
 * affine error terms), margins are lower ends of enclosure differences rounded down, ‖(e_y − e_j)ᵀW‖
 * is computed from entrywise differences rounded up, and the division rounds down.
 * Cost per input: one interval pass (≈ 3 forwards) plus O(k·width of W) for the pair form.
 */
public final class CertifiedRadius {
    private CertifiedRadius() {}

    /**
     * One input's result.
     *
     * @param index        position in the batch
     * @param label        true class
     * @param predicted    argmax of the logits (midpoints of their enclosures)
     * @param margin       certified lower bound on f_y − max_{j≠y} f_j (≤ 0: not certified)
     * @param globalRadius m/(√2·L)
     * @param pairRadius   min_j (f_y − f_j)/L_{yj}, or 0 when the last node is not a Dense layer
     * @param radius       max of the two; 0 when misclassified or the margin is not positive
     */
    public record Radius(int index, int label, int predicted, double margin, double globalRadius, double pairRadius, double radius) {
        public boolean correct() { return label == predicted; }
    }

    /** Certified accuracy at one radius: the fraction of inputs correctly classified with radius ≥ ε. */
    public record CurvePoint(double epsilon, double certifiedAccuracy) {}

    /** The bound used and the radii. */
    public record Report(NetworkBound bound, List<Radius> radii) {
        public Report { radii = List.copyOf(radii); }
    }

    /** Computes the network bound with {@code options} and the radii of the batch x [N, ...] with labels. */
    public static Report of(Layer model, int[] inputShape, Tensor x, int[] labels, CertifyOptions options) {
        NetworkBound b = GraphBound.of(model, inputShape, options);
        return new Report(b, radii(model, inputShape, x, labels, b, options));
    }

    /** Radii from a bound computed before by {@link GraphBound} with the same options. */
    public static List<Radius> radii(Layer model, int[] inputShape, Tensor x, int[] labels, NetworkBound bound, CertifyOptions options) {
        int n = x.dim(0), d = (int) Tensor.sizeOf(inputShape);
        if (x.size() != n * d) throw new IllegalArgumentException("radii: inputs have " + x.size() / Math.max(1, n) + " values per sample, the network takes " + d);
        if (labels.length != n) throw new IllegalArgumentException("radii: " + labels.length + " labels for " + n + " inputs");
        Precision old = Precision.set(Precision.FLOAT64);
        try {
            FlatNet net = FlatNet.of(model, inputShape);
            if (options.mergeLinear()) net = LinearChainMerger.merge(net, options.maxMergedEntries()).net();
            FlatNet.Node last = net.nodes.isEmpty() ? null : net.nodes.get(net.output - 1);
            Dense w = null;
            double lRest = 0;
            if (last != null && net.output == net.nodes.size() && last.layer() instanceof Dense dl
                    && bound.nodes().get(bound.nodes().size() - 1).name().equals(last.name())) {
                w = dl;
                int in = last.inputs()[0];
                lRest = in == 0 ? 1.0 : bound.node(net.name(in)).cumulative();
            }
            double sqrt2L = Rounding.mulUp(Math.nextUp(Math.sqrt(2)), bound.value());
            List<Radius> out = new ArrayList<>(n);
            for (int s = 0; s < n; s++) {
                double[] xs = new double[d];
                System.arraycopy(x.data(), s * d, xs, 0, d);
                IntervalPropagation.Interval z = IntervalPropagation.propagate(net, xs, xs)[net.output];
                double[] lo = z.lower(), hi = z.upper();
                int k = lo.length, y = labels[s];
                if (y < 0 || y >= k) throw new IllegalArgumentException("radii: label " + y + " of input " + s + " is outside [0, " + k + ")");
                int pred = 0;
                for (int j = 1; j < k; j++) if (lo[j] + hi[j] > lo[pred] + hi[pred]) pred = j;
                double margin = Double.POSITIVE_INFINITY, pair = Double.POSITIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    if (j == y) continue;
                    double mj = Rounding.subDown(lo[y], hi[j]);
                    margin = Math.min(margin, mj);
                    if (w != null) {
                        double lyj = Rounding.mulUp(rowDifferenceNorm(w, y, j), lRest);
                        pair = Math.min(pair, mj <= 0 ? 0 : lyj == 0 ? Double.POSITIVE_INFINITY : Rounding.divDown(mj, lyj));
                    }
                }
                if (k == 1) margin = 0;
                boolean ok = pred == y && margin > 0;
                double global = ok && bound.finite() ? (sqrt2L == 0 ? Double.POSITIVE_INFINITY : Rounding.divDown(margin, sqrt2L)) : 0;
                double pr = ok && w != null && bound.finite() ? pair : 0;
                out.add(new Radius(s, y, pred, margin, global, pr, Math.max(global, pr)));
            }
            return out;
        } finally {
            Precision.set(old);
        }
    }

    /** Certified accuracy at each ε. */
    public static List<CurvePoint> curve(List<Radius> radii, double... epsilons) {
        List<CurvePoint> c = new ArrayList<>();
        for (double e : epsilons) {
            long ok = radii.stream().filter(r -> r.correct() && r.radius() > 0 && r.radius() >= e).count();
            c.add(new CurvePoint(e, radii.isEmpty() ? 0 : (double) ok / radii.size()));
        }
        return c;
    }

    /** ‖W_y − W_j‖₂ rounded up (entrywise differences rounded up in magnitude). */
    static double rowDifferenceNorm(Dense w, int y, int j) {
        int in = w.inFeatures();
        double[] a = w.weight().data(), diff = new double[in];
        for (int i = 0; i < in; i++) diff[i] = Math.nextUp(Math.abs(a[y * in + i] - a[j * in + i]));
        return Rounding.norm2Upper(diff, 0, in);
    }
}
