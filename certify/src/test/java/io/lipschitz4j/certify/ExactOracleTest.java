package io.lipschitz4j.certify;

import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.Dense;
import io.lipschitz4j.nn.ReLU;
import io.lipschitz4j.nn.Sequential;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** upper ≥ exact ≥ lower on seeded random small ReLU networks, with the exact constant from region enumeration. */
class ExactOracleTest {
    static final double LAPACK_REL = GraphBoundTest.LAPACK_REL;
    static final InputBox BOX = InputBox.uniform(-1, 1);

    /** A random ReLU network; kind 1 zeroes some rows, kind 2 scales by 1e-6, kind 3 by 1e6. */
    static Sequential randomNet(SplittableRandom r, int d, int[] widths, int out, int kind) {
        List<io.lipschitz4j.nn.Layer> ls = new ArrayList<>();
        int in = d;
        double scale = kind == 2 ? 1e-6 : kind == 3 ? 1e6 : 1;
        for (int l = 0; l <= widths.length; l++) {
            int o = l < widths.length ? widths[l] : out;
            double[] w = new double[o * in], b = new double[o];
            for (int i = 0; i < w.length; i++) w[i] = scale * (r.nextDouble() * 2 - 1);
            for (int i = 0; i < o; i++) b[i] = scale * (r.nextDouble() - 0.5);
            if (kind == 1) for (int i = 0; i < o; i += 3) for (int j = 0; j < in; j++) w[i * in + j] = 0;
            ls.add(new Dense(new Tensor(new int[] {o, in}, w), new Tensor(new int[] {o}, b)));
            if (l < widths.length) ls.add(new ReLU());
            in = o;
        }
        return new Sequential(ls);
    }

    @Test
    void upperExactLowerAreOrderedAndLowerIsUsuallyTight() {
        SplittableRandom r = new SplittableRandom(41);
        int cases = 0, tight = 0, close = 0;
        for (int t = 0; t < 24; t++) {
            int d = 2 + t % 2, kind = t % 4;
            int[] widths = t % 3 == 0 ? new int[] {12} : t % 3 == 1 ? new int[] {8, 8} : new int[] {10, 6};
            Sequential net = randomNet(r, d, widths, 3, kind);
            ExactReluLipschitz.Result exact = ExactReluLipschitz.of(net, BOX, t);
            NetworkBound up = GraphBound.of(net, new int[] {d}, CertifyOptions.defaults().withMergeLinear(false));
            JacobianLowerBound.Result low = JacobianLowerBound.of(net, new int[] {d}, BOX, null, 1000, 30, t);
            assertThat(exact.regions()).isGreaterThan(0);
            assertThat(up.value()).as("case %d upper", t).isGreaterThanOrEqualTo(exact.value() * (1 - LAPACK_REL));
            assertThat(low.value()).as("case %d lower", t).isLessThanOrEqualTo(exact.value() * (1 + LAPACK_REL));
            assertThat(low.value()).as("case %d lower is not trivial", t).isGreaterThan(0.5 * exact.value());
            cases++;
            if (low.value() >= exact.value() * (1 - 1e-6)) tight++;
            if (low.value() >= exact.value() * 0.95) close++;
        }
        // measured (seed 41, 1000 samples): 8 of 24 within 1e-6, 15 of 24 within 5%; the misses are small regions the
        // 1000 random samples and the local search do not reach, and the 1e-6-scaled networks, whose
        // differences sit near the rounding floor of the enclosures
        assertThat(tight).as("lower within 1e-6 of exact").isGreaterThanOrEqualTo(cases / 3);
        assertThat(close).as("lower within 5% of exact").isGreaterThanOrEqualTo(cases / 2);
    }

    @Test
    void linearNetworkHasOneRegionAndTheMatrixNorm() {
        SplittableRandom r = new SplittableRandom(42);
        Sequential net = randomNet(r, 3, new int[] {}, 4, 0);
        ExactReluLipschitz.Result exact = ExactReluLipschitz.of(net, BOX, 1);
        assertThat(exact.regions()).isEqualTo(1);
        assertThat(exact.value()).isEqualTo(TestNets.sigmaMax(((Dense) net.layers().get(0)).weight().asMatrix()));
    }

    @Test
    void oneHiddenLayerInOneDimensionMatchesABruteForceScan() {
        SplittableRandom r = new SplittableRandom(43);
        Sequential net = randomNet(r, 1, new int[] {6}, 1, 0);
        ExactReluLipschitz.Result exact = ExactReluLipschitz.of(net, BOX, 2);
        // 1-D: the slope of a piecewise linear function, scanned on a fine grid
        double best = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            double a = -1 + 2.0 * i / n, b = -1 + 2.0 * (i + 1) / n;
            best = Math.max(best, JacobianLowerBound.quotient(net, new int[] {1}, new double[] {a}, new double[] {b}));
        }
        assertThat(exact.value()).isGreaterThanOrEqualTo(best * (1 - 1e-9)).isLessThanOrEqualTo(best * (1 + 1e-6));
        assertThat(exact.regions()).isLessThanOrEqualTo(7);
    }
}
