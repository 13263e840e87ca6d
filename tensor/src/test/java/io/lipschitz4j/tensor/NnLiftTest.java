package io.lipschitz4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Gaussian;
import io.lipschitz4j.linalg.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class NnLiftTest {
    private static final double TOL = 1e-10;

    @Test
    void gaussHermiteIntegratesGaussianMomentsExactly() {
        double[][] gh = NnLift.gaussHermite(NnLift.QUADRATURE_NODES);
        // E[z^{2m}] = (2m − 1)!! for z ~ N(0, 1); odd moments vanish
        double dfact = 1;
        for (int m = 0; m <= 12; m++) {
            if (m > 0) dfact *= 2 * m - 1;
            double even = 0, odd = 0;
            for (int q = 0; q < gh[0].length; q++) {
                even += gh[1][q] * Math.pow(gh[0][q], 2 * m);
                odd += gh[1][q] * Math.pow(gh[0][q], 2 * m + 1);
            }
            assertThat(even).as("E[z^%d]", 2 * m).isCloseTo(dfact, within(TOL * dfact));
            assertThat(odd).isCloseTo(0, within(TOL * dfact));
        }
    }

    @Test
    void sampleMomentsMatchTheHermiteTensorSampleBySample() {
        // explicit (y − ȳ)·S₃(x)_{pqr} = x_p x_q x_r − x_p δ_qr − x_q δ_pr − x_r δ_pq and S₂ = xxᵀ − I, summed naively
        int n = 2 * NnLift.BLOCK + 37, d = 4; // crosses block boundaries
        DenseMatrix x = DenseMatrix.gaussian(n, d, 3);
        double[] y = Gaussian.vector(n, 4);
        NnLift.Moments m = NnLift.sampleMoments(x, y);
        double ybar = java.util.Arrays.stream(y).sum() / n;
        for (int i = 0; i < n; i++) y[i] -= ybar; // the estimator centres y by its sample mean
        double[] t = new double[d * d * d], m2 = new double[d * d];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < d; p++) {
                for (int q = 0; q < d; q++) {
                    m2[p * d + q] += y[i] * (x.get(i, p) * x.get(i, q) - (p == q ? 1 : 0)) / n;
                    for (int r = 0; r < d; r++) {
                        double s3 = x.get(i, p) * x.get(i, q) * x.get(i, r) - (q == r ? x.get(i, p) : 0) - (p == r ? x.get(i, q) : 0)
                                - (p == q ? x.get(i, r) : 0);
                        t[(p * d + q) * d + r] += y[i] * s3 / n;
                    }
                }
            }
        }
        assertThat(m.samples()).isEqualTo(n);
        for (int i = 0; i < t.length; i++) assertThat(m.t3().data()[i]).isCloseTo(t[i], within(TOL));
        for (int i = 0; i < m2.length; i++) assertThat(m.m2().data()[i]).isCloseTo(m2[i], within(TOL));
    }

    @Test
    void populationMomentsAreTheSampleMomentsInTheLimit() {
        // Stein + quadrature vs a large seeded sample: agreement to a few standard errors, not exactness
        NnLift.Network net = NnLift.Network.planted(3, 2, 0.0, 5);
        NnLift.Moments pop = NnLift.populationMoments(net);
        NnLift.Moments smp = NnLift.sampleMoments(net, new long[] {400_000}, 1, null).get(0);
        assertThat(Tensors.distance(pop.t3(), smp.t3())).isLessThan(0.03 * Tensors.norm(pop.t3()) + 0.02);
        assertThat(Tensors.distance(pop.m2().asTensor(), smp.m2().asTensor())).isLessThan(0.03 * pop.m2().frobeniusNorm() + 0.01);
    }

    @Test
    void populationMomentsRecoverThePlantedFirstLayerToRounding() {
        for (int[] dk : new int[][] {{8, 5}, {12, 12}, {20, 6}}) {
            NnLift.Network net = NnLift.Network.planted(dk[0], dk[1], 0.0, 11 + dk[0]);
            NnLift.Recovery r = NnLift.recover(NnLift.populationMoments(net), dk[1]);
            assertThat(r.whiteningDefinite()).isTrue();
            assertThat(r.status()).isEqualTo(Status.CONVERGED);
            assertThat(NnLift.error(net.a1(), r.a1())).as("d=%d k=%d", dk[0], dk[1]).isLessThan(1e-8);
        }
    }

    @Test
    void errorIsInvariantToSignScaleAndOrderAndSeesAPerturbation() {
        DenseMatrix a = DenseMatrix.gaussian(6, 3, 1);
        DenseMatrix b = DenseMatrix.zeros(6, 3);
        int[] perm = {2, 0, 1};
        double[] scale = {-2, 0.5, -7};
        for (int i = 0; i < 6; i++) for (int j = 0; j < 3; j++) b.set(i, perm[j], scale[j] * a.get(i, j));
        assertThat(NnLift.error(a, b)).isLessThan(1e-14);
        // rotate column 0 by a known angle θ inside the plane of (a₀, e) with e ⟂ a₀: the error is sin θ
        double theta = 0.1;
        double[] a0 = new double[6], e = new double[6];
        for (int i = 0; i < 6; i++) a0[i] = a.get(i, 0);
        double n0 = Math.sqrt(dot(a0, a0));
        for (int i = 0; i < 6; i++) a0[i] /= n0;
        e[0] = 1;
        double c = dot(e, a0);
        for (int i = 0; i < 6; i++) e[i] -= c * a0[i];
        double ne = Math.sqrt(dot(e, e));
        DenseMatrix rot = a.copy();
        for (int i = 0; i < 6; i++) rot.set(i, 0, Math.cos(theta) * a0[i] + Math.sin(theta) * e[i] / ne);
        assertThat(NnLift.error(a, rot)).isCloseTo(Math.sin(theta), within(1e-12));
    }

    @Test
    void sampleErrorFallsWithTheNumberOfSamples() {
        NnLift.Network net = NnLift.Network.planted(6, 3, 0.1, 2);
        long[] ns = {1_000, 10_000, 100_000};
        List<NnLift.Point> pts = NnLift.errorVsSamples(net, ns, 7, CpPower.Options.defaults().restarts(10), null);
        assertThat(pts).hasSize(3);
        for (int i = 0; i < 3; i++) assertThat(pts.get(i).samples()).isEqualTo(ns[i]);
        double e0 = pts.get(0).error(), e2 = pts.get(2).error();
        assertThat(pts.get(1).error()).isLessThan(e0);
        assertThat(e2).isLessThan(pts.get(1).error());
        assertThat(e2).isLessThan(e0 / 3);
        // at 1e3 samples the noisy M̂₂ may show a spurious sign (flagged); by 1e5 it must not
        assertThat(pts.get(2).recovery().whiteningDefinite()).isTrue();
        // rough n^{-1/2}: the log-log slope between 1e3 and 1e5 lies well inside (−1, −0.2)
        double slope = Math.log(e2 / e0) / Math.log(100);
        assertThat(slope).isBetween(-1.0, -0.2);
    }

    @Test
    void sameSeedSameNumbers() {
        NnLift.Network net = NnLift.Network.planted(5, 2, 0.0, 1);
        Tensor a = NnLift.sampleMoments(net, new long[] {3000}, 9, null).get(0).t3();
        Tensor b = NnLift.sampleMoments(net, new long[] {3000}, 9, null).get(0).t3();
        assertThat(a.data()).containsExactly(b.data());
    }

    @Test
    void mixedSignsOfTheSecondMomentAreFlagged() {
        NnLift.Network p = NnLift.Network.planted(6, 3, 0, 4);
        double[] a2 = p.a2();
        a2[1] = -a2[1];
        NnLift.Network mixed = new NnLift.Network(p.a1(), a2, p.b1(), 0);
        NnLift.Recovery r = NnLift.recover(NnLift.populationMoments(mixed), 3);
        assertThat(r.whiteningDefinite()).isFalse();
        long positive = java.util.Arrays.stream(r.m2Eigenvalues()).filter(v -> v > 0).count();
        assertThat(positive).isEqualTo(1);
    }

    @Test
    void badInputIsRejectedWithTheReason() {
        assertThatThrownBy(() -> NnLift.Network.planted(3, 4, 0, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k = 4")
                .hasMessageContaining("d = 3");
        NnLift.Network net = NnLift.Network.planted(4, 2, 0, 0);
        assertThatThrownBy(() -> new NnLift.Network(net.a1(), new double[] {1, Double.NaN}, net.b1(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a₂").hasMessageContaining("NaN");
        assertThatThrownBy(() -> new NnLift.Network(net.a1(), net.a2(), net.b1(), -1)).hasMessageContaining("noise");
        DenseMatrix x = DenseMatrix.gaussian(5, 4, 0);
        x.set(2, 1, Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> NnLift.sampleMoments(x, new double[5])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x");
        assertThatThrownBy(() -> NnLift.sampleMoments(DenseMatrix.gaussian(5, 4, 0), new double[4])).hasMessageContaining("5 rows");
        assertThatThrownBy(() -> NnLift.recover(NnLift.populationMoments(net), 5)).hasMessageContaining("k = 5");
        // a rank-2 network cannot give 3 components
        assertThatThrownBy(() -> NnLift.recover(NnLift.populationMoments(net), 3)).hasMessageContaining("rank < k = 3");
        assertThatThrownBy(() -> NnLift.sampleMoments(net, new long[] {100, 50}, 0, null)).hasMessageContaining("increase");
        assertThatThrownBy(() -> NnLift.sampleMoments(net, new long[] {0}, 0, null)).hasMessageContaining("≥ 1");
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
