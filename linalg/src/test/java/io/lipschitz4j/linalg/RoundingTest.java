package io.lipschitz4j.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RoundingTest {
    private static final MathContext MC = new MathContext(60);

    @Test
    void gammaMatchesDefinitionAndIsRoundedUp() {
        for (long n : new long[] {1, 2, 10, 1000, 1 << 20}) {
            BigDecimal nu = new BigDecimal(n).multiply(new BigDecimal(Rounding.UNIT_ROUNDOFF));
            BigDecimal exact = nu.divide(BigDecimal.ONE.subtract(nu), MC);
            assertThat(new BigDecimal(Rounding.gamma(n))).isGreaterThanOrEqualTo(exact);
            assertThat(Rounding.gamma(n)).isLessThan(exact.doubleValue() * (1 + 1e-14));
        }
        assertThat(Rounding.gamma(0)).isEqualTo(0.0);
        assertThatThrownBy(() -> Rounding.gamma(1L << 52)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void directedOperationsEncloseExactResults() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            double a = Math.scalb(rnd.nextDouble() - 0.5, rnd.nextInt(-60, 60));
            double b = Math.scalb(rnd.nextDouble() + 0.01, rnd.nextInt(-60, 60));
            BigDecimal x = new BigDecimal(a), y = new BigDecimal(b);
            assertThat(new BigDecimal(Rounding.addUp(a, b))).isGreaterThanOrEqualTo(x.add(y));
            assertThat(new BigDecimal(Rounding.addDown(a, b))).isLessThanOrEqualTo(x.add(y));
            assertThat(new BigDecimal(Rounding.mulUp(a, b))).isGreaterThanOrEqualTo(x.multiply(y));
            assertThat(new BigDecimal(Rounding.mulDown(a, b))).isLessThanOrEqualTo(x.multiply(y));
            assertThat(new BigDecimal(Rounding.divUp(a, b))).isGreaterThanOrEqualTo(x.divide(y, MC));
            assertThat(new BigDecimal(Rounding.divDown(a, b))).isLessThanOrEqualTo(x.divide(y, MC));
            double p = Math.abs(a);
            BigDecimal sq = new BigDecimal(p).sqrt(MC);
            assertThat(new BigDecimal(Rounding.sqrtUp(p))).isGreaterThanOrEqualTo(sq);
            assertThat(new BigDecimal(Rounding.sqrtDown(p))).isLessThanOrEqualTo(sq);
        }
    }

    @Test
    void certifiedNormsEncloseTheExactNormAtExtremeScales() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int scale : new int[] {-1070, -500, -60, 0, 60, 500, 1000}) {
            for (int trial = 0; trial < 50; trial++) {
                int n = 1 + rnd.nextInt(300);
                double[] x = new double[n];
                BigDecimal sum = BigDecimal.ZERO;
                for (int i = 0; i < n; i++) {
                    x[i] = Math.scalb(Gaussian.next(rnd), scale);
                    sum = sum.add(new BigDecimal(x[i]).pow(2));
                }
                BigDecimal exact = sum.sqrt(MC);
                assertThat(new BigDecimal(Rounding.norm2Upper(x, 0, n))).isGreaterThanOrEqualTo(exact);
                assertThat(new BigDecimal(Rounding.norm2Lower(x, 0, n))).isLessThanOrEqualTo(exact);
                double approx = Rounding.norm2(x, 0, n);
                assertThat(approx).isFinite().isGreaterThan(0);
            }
        }
    }

    @Test
    void normalizingExponentPutsMaximumIntoOneTwo() {
        for (double v : new double[] {1e-300, 3.5e-200, 0.75, 1, 2, 1e150, Double.MAX_VALUE, Double.MIN_VALUE}) {
            double s = Math.scalb(v, Rounding.normalizingExponent(v));
            assertThat(s).isGreaterThanOrEqualTo(1.0).isLessThan(2.0);
        }
        assertThat(Rounding.normalizingExponent(0)).isZero();
        assertThat(Rounding.normalizingExponent(Double.NaN)).isZero();
    }
}
