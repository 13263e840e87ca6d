package io.lipschitz4j.nn.eval;

import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.Layer;
import io.lipschitz4j.nn.Precision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Clean accuracy, certified radii and certified accuracy of a classifier, checked by an attack.
 *
 * <p>With L ≥ Lip₂(f) (the product bound of {@link LipschitzBounds}) and margin m(x) = z_y − max_{j≠y} z_j
 * of a correctly classified x, no δ with ‖δ‖₂ &lt; r(x) = m(x)/(√2·L) changes the prediction: each
 * difference z_y − z_j is √2·L-Lipschitz (Tsuzuku, Sato and Sugiyama, NeurIPS 2018, Prop. 1). x is
 * certified at radius ε when it is correct and r(x) &gt; ε; certified accuracy at ε is the fraction of
 * such inputs. r is computed in float64 and shrunk by 10⁻¹² relatively to cover the rounding of the
 * logits (O(depth·width·u) relatively for these models).
 *
 * <p>Check: {@link Pgd} attacks every correctly classified input at each ε; a flipped input that was
 * certified at ε is a <b>violation</b> (a bug in a bound or in the model code), counted in
 * {@link Radius#violations}. Flips of uncertified inputs show the attack is not a no-op.
 */
public final class Evaluation {
    private Evaluation() {}

    /** The radii for inputs in [0, 1]. */
    public static final double[] DEFAULT_RADII = {0.1, 0.25, 0.5, 1.0};

    /** Results at one radius: certified accuracy, attack flips among uncertified correct inputs, and violations (must be 0). */
    public record Radius(double eps, double certifiedAccuracy, int certified, int attacked, int flipped, int violations) {}

    /** The evaluation of one data set. */
    public record Result(int samples, double accuracy, LipschitzBounds.Report bounds, double lipschitz,
                         double[] radii, List<Radius> atRadius) {
        public int violations() { return atRadius.stream().mapToInt(Radius::violations).sum(); }
    }

    /**
     * Evaluates {@code model} on x [N, ...] (values in [0, 1]) with labels, in float64: accuracy, the
     * product Lipschitz bound, per-input certified radii, certified accuracy at each ε and, when
     * {@code attack} is non-null, the PGD check. Batches of {@code batch} inputs.
     */
    public static Result run(Layer model, Tensor x, int[] labels, double[] radii, Pgd attack, int batch) {
        if (x.dim(0) != labels.length) throw new IllegalArgumentException("inputs " + x.dim(0) + " but labels " + labels.length);
        Precision old = Precision.set(Precision.FLOAT64);
        try {
            int n = x.dim(0), d = x.size() / Math.max(1, n);
            int[] sample = Arrays.copyOfRange(x.shape(), 1, x.rank());
            LipschitzBounds.Report bounds = LipschitzBounds.of(model, sample);
            double l = bounds.product();
            double[] r = new double[n];
            boolean[] correct = new boolean[n];
            int right = 0;
            for (int from = 0; from < n; from += batch) {
                int m = Math.min(batch, n - from);
                Tensor z = model.forward(slice(x, from, m, d));
                int k = z.dim(1);
                for (int s = 0; s < m; s++) {
                    int y = labels[from + s];
                    double zy = z.data()[s * k + y], runner = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < k; j++) if (j != y) runner = Math.max(runner, z.data()[s * k + j]);
                    correct[from + s] = zy > runner;
                    if (correct[from + s]) right++;
                    r[from + s] = correct[from + s] ? (zy - runner) * (1 - 1e-12) / (Math.sqrt(2) * l) : 0;
                }
            }
            List<Radius> at = new ArrayList<>();
            for (double eps : radii) {
                int cert = 0, attacked = 0, flipped = 0, violations = 0;
                for (int i = 0; i < n; i++) if (correct[i] && r[i] > eps) cert++;
                if (attack != null) {
                    for (int from = 0; from < n; from += batch) {
                        int m = Math.min(batch, n - from);
                        List<Integer> idx = new ArrayList<>();
                        for (int s = 0; s < m; s++) if (correct[from + s]) idx.add(from + s);
                        if (idx.isEmpty()) continue;
                        Tensor xs = gather(x, idx, d);
                        int[] ys = idx.stream().mapToInt(i -> labels[i]).toArray();
                        boolean[] broken = attack.attack(model, xs, ys, eps);
                        for (int t = 0; t < idx.size(); t++) {
                            attacked++;
                            if (!broken[t]) continue;
                            if (r[idx.get(t)] > eps) violations++;
                            else flipped++;
                        }
                    }
                }
                at.add(new Radius(eps, n == 0 ? 0 : (double) cert / n, cert, attacked, flipped, violations));
            }
            return new Result(n, n == 0 ? 0 : (double) right / n, bounds, l, r, List.copyOf(at));
        } finally {
            Precision.set(old);
        }
    }

    /** {@link #run} with the default radii, PGD defaults and batches of 256. */
    public static Result run(Layer model, Tensor x, int[] labels) {
        return run(model, x, labels, DEFAULT_RADII, Pgd.defaults(), 256);
    }

    private static Tensor slice(Tensor x, int from, int m, int d) {
        int[] shape = x.shape();
        shape[0] = m;
        return new Tensor(shape, Arrays.copyOfRange(x.data(), from * d, (from + m) * d));
    }

    private static Tensor gather(Tensor x, List<Integer> idx, int d) {
        int[] shape = x.shape();
        shape[0] = idx.size();
        double[] out = new double[idx.size() * d];
        for (int t = 0; t < idx.size(); t++) System.arraycopy(x.data(), idx.get(t) * d, out, t * d, d);
        return new Tensor(shape, out);
    }
}
