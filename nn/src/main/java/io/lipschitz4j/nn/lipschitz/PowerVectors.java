package io.lipschitz4j.nn.lipschitz;

import io.lipschitz4j.linalg.Gaussian;

import java.util.SplittableRandom;

/**
 * Persistent power-iteration vectors u (output side) and v (input side) of one layer, warm-started
 * across training steps (Miyato et al. 2018, Alg. 1): v ← Aᵀu/‖Aᵀu‖, u ← Av/‖Av‖, σ̂ = ‖Av‖. With
 * exact arithmetic σ̂ ≤ σ_max (an ESTIMATE from below: it is ‖A‖ along one unit vector); because the
 * weights move slowly, one or two steps per update track σ_max closely. Cost per step: one apply and
 * one transposed apply. The arrays are live: a checkpoint saves them and restores them in place.
 */
final class PowerVectors {
    final double[] u, v;

    /** Seeded Gaussian start, u normalized. */
    PowerVectors(int rows, int cols, long seed) {
        u = new double[rows];
        v = new double[cols];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < rows; i++) u[i] = Gaussian.next(r);
        normalize(u);
    }

    /** {@code iterations} steps on the map; returns σ̂ = ‖Av‖ of the last step (0 for a zero map). */
    double step(LinearMap a, int iterations) {
        if (a.rows() != u.length || a.cols() != v.length) {
            throw new IllegalStateException("power vectors sized " + u.length + "x" + v.length + " for a map " + a.rows() + "x" + a.cols());
        }
        double sigma = 0;
        for (int it = 0; it < iterations; it++) {
            a.applyTranspose(u, v);
            if (normalize(v) == 0) return 0;
            a.apply(v, u);
            sigma = normalize(u);
            if (sigma == 0) return 0;
        }
        return sigma;
    }

    /** Scales x to unit norm (a fresh random direction is not drawn: a zero stays zero); returns the old norm. */
    static double normalize(double[] x) {
        double s = 0;
        for (double e : x) s += e * e;
        double n = Math.sqrt(s);
        if (n > 0) for (int i = 0; i < x.length; i++) x[i] /= n;
        return n;
    }

    /** A stable seed per layer path, so runs with the same seed start from the same vectors. */
    static long seedFor(long seed, String path) { return seed * 0x9E3779B97F4A7C15L + path.hashCode(); }
}
