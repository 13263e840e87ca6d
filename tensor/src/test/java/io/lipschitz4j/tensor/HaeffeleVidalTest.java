package io.lipschitz4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Lapack;
import org.junit.jupiter.api.Test;

class HaeffeleVidalTest {
    /** Y = planted rank 3 with singular values 10, 6, 3 plus small noise (30 × 20). */
    static DenseMatrix planted() {
        DenseMatrix u = Lapack.svd(DenseMatrix.gaussian(30, 3, 1)).u(), v = Lapack.svd(DenseMatrix.gaussian(20, 3, 2)).u();
        double[] s = {10, 6, 3};
        DenseMatrix us = u.copy();
        for (int i = 0; i < 30; i++) for (int j = 0; j < 3; j++) us.data()[i * 3 + j] *= s[j];
        DenseMatrix y = us.times(v.transpose());
        DenseMatrix e = DenseMatrix.gaussian(30, 20, 3);
        for (int i = 0; i < y.data().length; i++) y.data()[i] += 0.05 * e.data()[i];
        return y;
    }

    @Test void certificateEqualsLambdaAtTheSoftThresholdingSolution() {
        DenseMatrix y = planted();
        double lambda = 2.0;
        DenseMatrix x = HaeffeleVidal.softThreshold(y, lambda);
        DenseMatrix r = HaeffeleVidal.residual(y, x, DenseMatrix.identity(20));
        assertThat(Lapack.singularValues(r)[0]).isCloseTo(lambda, within(1e-12));
    }

    @Test void metaAlgorithmGrowsTheRankUntilTheCertificateHolds() {
        DenseMatrix y = planted();
        double lambda = 2.0; // σ(Y) ≈ 10, 6, 3, then noise ≈ 0.05·(√30 + √20) < 0.6
        HaeffeleVidal.Result res = HaeffeleVidal.solve(y, lambda, 1, 7, 20, 5000, 1e-15, 1e-6);
        assertThat(res.status()).isEqualTo(Status.CONVERGED);
        assertThat(res.certificate()).isLessThanOrEqualTo(lambda * (1 + 1e-6));
        assertThat(res.u().cols()).isEqualTo(3);
        assertThat(res.rankHistory()).startsWith(1);
        double[] ch = res.certificateHistory();
        assertThat(ch).hasSameSizeAs(res.rankHistory());
        for (int i = 0; i < ch.length - 1; i++) assertThat(ch[i]).as("failed certificate %d made the rank grow", i).isGreaterThan(lambda);
        assertThat(ch[ch.length - 1]).isEqualTo(res.certificate());
        DenseMatrix x = HaeffeleVidal.softThreshold(y, lambda);
        double d = HaeffeleVidal.residual(x, res.product(), DenseMatrix.identity(20)).frobeniusNorm();
        assertThat(d / x.frobeniusNorm()).isLessThan(1e-5);
        // the objective equals the convex optimum ½‖Y − X*‖² + λ‖X*‖_*
        double[] s = Lapack.singularValues(y);
        double convex = 0;
        for (double v : s) convex += v > lambda ? 0.5 * lambda * lambda + lambda * (v - lambda) : 0.5 * v * v;
        assertThat(res.objective()).isCloseTo(convex, within(1e-6 * convex));
    }

    @Test void localMinimumWithAZeroColumnIsGlobal() {
        DenseMatrix y = planted();
        double lambda = 2.0;
        HaeffeleVidal.Result res = HaeffeleVidal.localDescent(y, lambda, DenseMatrix.gaussian(30, 4, 11), DenseMatrix.gaussian(20, 4, 12), 20000, 1e-16);
        // F is invariant under (U, V) → (UQ, VQ), Q orthogonal: a zero column exists up to that rotation,
        // i.e. U and V have rank 3 < 4 columns; rotated by the right singular vectors of U the last column vanishes
        double[] su = Lapack.singularValues(res.u()), sv = Lapack.singularValues(res.v());
        assertThat(su[3]).isLessThan(1e-6 * su[0]);
        assertThat(sv[3]).isLessThan(1e-6 * sv[0]);
        assertThat(res.certificate()).isLessThanOrEqualTo(lambda * (1 + 1e-6));
    }

    @Test void failingCertificateAtATooSmallRank() {
        DenseMatrix y = planted();
        HaeffeleVidal.Result res = HaeffeleVidal.localDescent(y, 2.0, DenseMatrix.gaussian(30, 1, 1), DenseMatrix.gaussian(20, 1, 2), 2000, 1e-15);
        assertThat(res.certificate()).isGreaterThan(2.0 * 1.1); // rank 1 cannot be optimal: σ₂(Y) − λ > 0 is left
        assertThatThrownBy(() -> HaeffeleVidal.solve(y, 0, 1, 0, 1, 1, 0, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("λ");
    }
}
