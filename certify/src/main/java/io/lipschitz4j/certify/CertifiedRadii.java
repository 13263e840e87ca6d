package io.lipschitz4j.certify;

import io.lipschitz4j.linalg.Rounding;
import io.lipschitz4j.linalg.Tensor;

/**
 * Certified ℓ₂ robustness radii of a classifier's decisions from Lipschitz bounds (Tsuzuku, Sato and
 * Sugiyama 2018, Prop. 1; Weng et al. 2018 for the per-pair form).
 *
 * <p>For logits z = f(x), label y and any j ≠ y, the margin m_j = z_y − z_j can only close under a
 * perturbation δ with ‖δ‖₂ ≥ m_j / L_yj, where L_yj bounds the Lipschitz constant of x ↦ f_y − f_j.
 * Two valid choices of L_yj, and the radius takes the better one:
 * <ul>
 *   <li>global: L_yj ≤ √2·L with L the network bound, giving
 *       r = min_j m_j / (√2·L), since |u_y − u_j| ≤ √2·‖u‖₂ for u = f(x) − f(x');</li>
 *   <li>per pair, when the last operation is linear z = Wh + b: L_yj ≤ ‖W_y − W_j‖₂ · L_h with L_h the
 *       bound of the network up to h, giving r = min_j m_j / L_yj.</li>
 * </ul>
 * Every bound product and square root is rounded up. The margins are taken from a float64 forward
 * pass and shrunk by a relative 1e-12 (not a rigorous forward-error bound of the logits; the PGD
 * cross-check of {@code lipschitz certify} is the practical backstop). A misclassified input has
 * radius 0.
 *
 * @param radius    per input, the larger of the two radii (0 when misclassified)
 * @param global    per input, the global-form radius
 * @param pairwise  per input, the per-pair radius, or 0 when no linear last layer was given
 * @param predicted per input, the argmax of the logits
 * @param correct   per input, whether the prediction equals the label (all true without labels: the
 *                  radius then certifies that the prediction itself does not change)
 */
public record CertifiedRadii(double[] radius, double[] global, double[] pairwise, int[] predicted, boolean[] correct) {
    private static final double HAIRCUT = 1 - 1e-12;

    /**
     * @param logits     [n, k] float64 logits
     * @param labels     n labels, or null to certify the predicted class
     * @param lipschitz  certified bound L of the whole network
     * @param lastWeight [k, h] weight of a linear last layer, or null
     * @param lipschitzBeforeLast certified bound of the network up to the last layer's input (ignored without lastWeight)
     */
    public static CertifiedRadii of(Tensor logits, int[] labels, double lipschitz, Tensor lastWeight, double lipschitzBeforeLast) {
        int n = logits.dim(0), k = logits.dim(1);
        if (labels != null && labels.length != n) throw new IllegalArgumentException(labels.length + " labels for " + n + " inputs");
        double[][] pairL = lastWeight == null ? null : pairBounds(lastWeight, lipschitzBeforeLast);
        double sqrt2L = Rounding.mulUp(Rounding.sqrtUp(2), lipschitz);
        double[] r = new double[n], g = new double[n], p = new double[n];
        int[] pred = new int[n];
        boolean[] ok = new boolean[n];
        double[] z = logits.data();
        for (int s = 0; s < n; s++) {
            int best = 0;
            for (int j = 1; j < k; j++) if (z[s * k + j] > z[s * k + best]) best = j;
            pred[s] = best;
            int y = labels == null ? best : labels[s];
            if (y >= k) throw new IllegalArgumentException("label " + y + " of input " + s + " but the network has " + k + " outputs");
            ok[s] = y == best && !tied(z, s, k, y);
            if (!ok[s]) continue;
            double gm = Double.POSITIVE_INFINITY, pm = Double.POSITIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                if (j == y) continue;
                double m = (z[s * k + y] - z[s * k + j]) * HAIRCUT;
                gm = Math.min(gm, Rounding.divDown(m, sqrt2L));
                if (pairL != null) pm = Math.min(pm, Rounding.divDown(m, pairL[y][j]));
            }
            g[s] = k == 1 ? 0 : gm;
            p[s] = pairL == null || k == 1 ? 0 : pm;
            r[s] = Math.max(g[s], p[s]);
        }
        return new CertifiedRadii(r, g, p, pred, ok);
    }

    private static boolean tied(double[] z, int s, int k, int y) {
        for (int j = 0; j < k; j++) if (j != y && z[s * k + j] == z[s * k + y]) return true;
        return false;
    }

    /** L_yj ≤ ‖W_y − W_j‖₂·L_h, rounded up (the row-difference norm via an upward sum of squares). */
    private static double[][] pairBounds(Tensor w, double lh) {
        int k = w.dim(0), h = w.dim(1);
        double[] d = w.data();
        double[][] out = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                double ss = 0;
                for (int i = 0; i < h; i++) {
                    double diff = Math.abs(d[a * h + i] - d[b * h + i]);
                    ss = Rounding.addUp(ss, Rounding.mulUp(Math.nextUp(diff), Math.nextUp(diff)));
                }
                out[a][b] = out[b][a] = Rounding.mulUp(Rounding.sqrtUp(ss), lh);
            }
        }
        return out;
    }

    /** The fraction of all inputs that are correct with radius > ε, for each ε. */
    public double[] certifiedAccuracy(double... eps) {
        double[] acc = new double[eps.length];
        for (int e = 0; e < eps.length; e++) {
            int c = 0;
            for (int s = 0; s < radius.length; s++) if (correct[s] && radius[s] > eps[e]) c++;
            acc[e] = radius.length == 0 ? 0 : (double) c / radius.length;
        }
        return acc;
    }

    /** The fraction of inputs classified correctly. */
    public double accuracy() {
        int c = 0;
        for (boolean b : correct) if (b) c++;
        return correct.length == 0 ? 0 : (double) c / correct.length;
    }
}
