package io.lipschitz4j.spectral.conv;

import io.lipschitz4j.linalg.Gaussian;
import io.lipschitz4j.linalg.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Random geometries plus the nasty variants: extreme scales, rank-deficient and repeated-σ kernels. */
final class NastyKernels {
    private NastyKernels() {}

    static List<Convolution> all(int randomCount, long seed) {
        List<Convolution> l = new ArrayList<>(Geometries.many(randomCount, seed));
        for (int i = 0; i < 12; i++) {
            Convolution c = Geometries.random(seed * 7 + i);
            l.add(Geometries.scaled(c, 1e-150));
            l.add(Geometries.scaled(c, 1e150));
            l.add(rankOne(c, seed + i));
            l.add(orthogonalCenter(c));
        }
        return l;
    }

    /** K[o, c, a, b] = u_o v_c w_ab: every tap matrix has rank ≤ 1 (rank-deficient operator). */
    static Convolution rankOne(Convolution c, long seed) {
        int[] sh = c.kernel().shape();
        double[] u = Gaussian.vector(sh[0], seed), v = Gaussian.vector(sh[1], seed + 1);
        int taps = c.kernel().size() / (sh[0] * sh[1]);
        double[] w = Gaussian.vector(taps, seed + 2);
        double[] d = new double[c.kernel().size()];
        for (int o = 0; o < sh[0]; o++) for (int ci = 0; ci < sh[1]; ci++) for (int t = 0; t < taps; t++)
            d[(o * sh[1] + ci) * taps + t] = u[o] * v[ci] * w[t];
        return Geometries.withKernel(c, new Tensor(sh, d));
    }

    /** One nonzero tap holding a signed permutation-like matrix: every singular value of each group equals 1.5. */
    static Convolution orthogonalCenter(Convolution c) {
        int[] sh = c.kernel().shape();
        int taps = c.kernel().size() / (sh[0] * sh[1]);
        double[] d = new double[c.kernel().size()];
        int coutG = sh[0] / c.groups();
        for (int o = 0; o < sh[0]; o++) {
            int ci = (o % coutG) % sh[1];
            d[(o * sh[1] + ci) * taps + taps / 2] = (o % 2 == 0 ? 1.5 : -1.5);
        }
        return Geometries.withKernel(c, new Tensor(sh, d));
    }
}
