package io.lipschitz4j.linalg;

import java.util.SplittableRandom;

/** Standard normal variates from a seeded {@link SplittableRandom} (polar Box–Muller, no cached pair, so a draw depends only on the generator state). */
public final class Gaussian {
    private Gaussian() {}

    public static double next(SplittableRandom rnd) {
        double u, v, s;
        do {
            u = 2 * rnd.nextDouble() - 1;
            v = 2 * rnd.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    public static double[] vector(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = next(rnd);
        return x;
    }
}
