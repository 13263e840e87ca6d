package io.lipschitz4j.nn.eval;

import io.lipschitz4j.linalg.Gaussian;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.Layer;

import java.util.SplittableRandom;

/**
 * ℓ₂ projected gradient ascent on the margin (Madry et al., ICLR 2018, in the ℓ₂ form): from a seeded
 * random start in the ball, x ← Π(x + α·g/‖g‖) with g = ∇ₓ(z_j − z_y), j the best wrong class, and Π the
 * projection onto the ball B(x₀, ε) followed by clipping to [0, 1]^d. Clipping after the ball keeps the
 * point in the ball (x₀ ∈ [0,1]^d and clipping is coordinatewise the projection onto an interval holding
 * x₀ᵢ, so it never moves away from x₀), so every iterate is feasible; it is not the exact projection onto
 * the intersection, which only makes the attack a little weaker. The attack stops per sample at the first
 * misclassification.
 *
 * @param steps    iterations
 * @param stepSize α (as a multiple of ε: α = stepSize·ε)
 * @param seed     seed of the random starts
 */
public record Pgd(int steps, double stepSize, long seed) {

    public Pgd {
        if (steps < 1 || !(stepSize > 0)) throw new IllegalArgumentException("PGD needs steps >= 1 and stepSize > 0");
    }

    /** 50 steps of 0.1·ε, seed 0. */
    public static Pgd defaults() { return new Pgd(50, 0.1, 0); }

    /** For a batch x₀ [N, ...] in [0,1] and labels: which samples the attack misclassified within radius ε. */
    public boolean[] attack(Layer model, Tensor x0, int[] labels, double eps) {
        int n = x0.dim(0), d = x0.size() / n;
        double[] base = x0.data();
        double[] x = base.clone();
        SplittableRandom r = new SplittableRandom(seed);
        for (int s = 0; s < n; s++) {
            double[] u = new double[d];
            for (int i = 0; i < d; i++) u[i] = Gaussian.next(r);
            double nu = norm(u, 0, d);
            for (int i = 0; i < d; i++) x[s * d + i] += 0.5 * eps * u[i] / nu;
        }
        project(x, base, n, d, eps);
        boolean[] broken = new boolean[n];
        int[] shape = x0.shape();
        for (int it = 0; it <= steps; it++) {
            Tensor xt = new Tensor(shape, x);
            Tensor z = model.forward(xt);
            int k = z.dim(1);
            Tensor dz = Tensor.zeros(n, k);
            boolean any = false;
            for (int s = 0; s < n; s++) {
                int y = labels[s], best = -1;
                for (int j = 0; j < k; j++) if (j != y && (best < 0 || z.data()[s * k + j] > z.data()[s * k + best])) best = j;
                if (z.data()[s * k + best] >= z.data()[s * k + y]) broken[s] = true;
                if (!broken[s]) {
                    dz.data()[s * k + best] = 1;
                    dz.data()[s * k + y] = -1;
                    any = true;
                }
            }
            if (!any || it == steps) break;
            double[] g = model.backward(dz).data();
            for (int s = 0; s < n; s++) {
                if (broken[s]) continue;
                double gn = norm(g, s * d, d);
                if (gn == 0) continue;
                double a = stepSize * eps / gn;
                for (int i = 0; i < d; i++) x[s * d + i] += a * g[s * d + i];
            }
            project(x, base, n, d, eps);
        }
        model.zeroGradInPlace();
        return broken;
    }

    /** Per sample: onto the ball of radius ε around x₀ (scaled slightly inside), then clipped to [0, 1]. */
    static void project(double[] x, double[] x0, int n, int d, double eps) {
        for (int s = 0; s < n; s++) {
            double nrm = 0;
            for (int i = 0; i < d; i++) {
                double v = x[s * d + i] - x0[s * d + i];
                nrm += v * v;
            }
            nrm = Math.sqrt(nrm);
            double f = nrm > eps ? eps * (1 - 1e-12) / nrm : 1;
            for (int i = 0; i < d; i++) {
                double v = x0[s * d + i] + f * (x[s * d + i] - x0[s * d + i]);
                x[s * d + i] = Math.min(1, Math.max(0, v));
            }
        }
    }

    private static double norm(double[] v, int off, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += v[off + i] * v[off + i];
        return Math.sqrt(s);
    }
}
