package io.lipschitz4j.spectral.dense;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lipschitz4j.linalg.Backend;
import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.BoundKind;
import io.lipschitz4j.spectral.Status;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract every {@link DenseMethod} meets, on both backends (EJML-style, written once). */
class DenseMethodContractTest {
    /** Relative accuracy expected of EXACT, Lanczos, Cholesky and Gram on well-separated spectra. */
    static final double TIGHT = 1e-9;
    /** Relative accuracy of the iterative estimates on the same cases. */
    static final double LOOSE = 1e-6;
    /** Gram iteration with 12 steps on a top value of multiplicity ≤ 10: 10^{1/2^{13}} − 1 ≈ 2.8e-4. */
    static final double GRAM_REPEATED = 3e-4;

    private final Backend saved = Backend.current();

    @AfterEach void restore() { Backend.use(saved); }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        List<Backend> backends = Backend.nativeAvailable() ? List.of(Backend.NATIVE, Backend.JAVA) : List.of(Backend.JAVA);
        for (Backend b : backends) for (DenseMethod m : DenseMethod.values()) out.add(Arguments.of(m, b));
        return out.stream();
    }

    /** Fixtures with exact σ₁. */
    static List<Object[]> fixtures() {
        List<Object[]> f = new ArrayList<>();
        f.add(new Object[] {"hadamard 8", DenseSoundness.hadamard(8), Math.sqrt(8)});
        double[] ones = new double[6 * 4];
        java.util.Arrays.fill(ones, 1);
        f.add(new Object[] {"ones 6x4", new DenseMatrix(6, 4, ones), Math.sqrt(24)});
        f.add(new Object[] {"ones 4x6", new DenseMatrix(6, 4, ones).transpose(), Math.sqrt(24)});
        DenseMatrix d = DenseMatrix.zeros(5, 7);
        d.set(0, 0, 0.5); d.set(1, 1, -3); d.set(2, 2, 2); d.set(3, 3, 1e-3);
        f.add(new Object[] {"diag 5x7", d, 3.0});
        f.add(new Object[] {"1x1", new DenseMatrix(1, 1, new double[] {-2.5}), 2.5});
        f.add(new Object[] {"identity 10", DenseMatrix.identity(10), 1.0});
        for (int e : new int[] {-500, 500}) {
            DenseMatrix p = DenseSoundness.planted(9, 6, new double[] {0.1, 0.2, 0.3, 0.5, 0.7, 1.0}, 3);
            for (int i = 0; i < p.data().length; i++) p.data()[i] = Math.scalb(p.data()[i], e);
            f.add(new Object[] {"planted 2^" + e, p, Math.scalb(1.0, e)});
        }
        f.add(new Object[] {"planted wide", DenseSoundness.planted(4, 12, new double[] {0, 0.25, 0.5, 2}, 5), 2.0});
        f.add(new Object[] {"planted tall 30x3", DenseSoundness.planted(30, 3, new double[] {0.1, 0.9, 1.5}, 7), 1.5});
        return f;
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void fixturesAreBoundedAndAccurate(DenseMethod method, Backend backend) {
        Backend.use(backend);
        SpectralNormMethod m = method.create();
        assertThat(m.name()).isEqualTo(method.id());
        for (Object[] f : fixtures()) {
            DenseMatrix w = (DenseMatrix) f[1];
            double exact = (double) f[2];
            DenseMatrix before = w.copy();
            List<Bound> bounds = m.bounds(w);
            assertThat(w.data()).as("input untouched").containsExactly(before.data());
            for (Bound b : bounds) {
                assertThat(b.status()).as(f[0] + " " + b).isNotEqualTo(Status.DIVERGED);
                String name = (String) f[0];
                boolean repeatedTop = name.startsWith("hadamard") || name.startsWith("identity");
                // Gram iteration converges like rank^{1/2^{T+1}} when the top value is repeated
                if (method == DenseMethod.GRAM && repeatedTop) assertThat(b.value()).isLessThanOrEqualTo(exact * (1 + GRAM_REPEATED));
                else if (true) {
                double tol = method == DenseMethod.RANDOMIZED || method == DenseMethod.POWER || method == DenseMethod.ALS ? LOOSE : TIGHT;
                assertThat(Math.abs(b.value() - exact)).as(f[0] + " " + b).isLessThanOrEqualTo(tol * exact);
                }
                if (b.kind() == BoundKind.UPPER || b.kind() == BoundKind.LOWER) {
                    // planted fixtures are rounded, so their exact σ₁ is judged in 60 digits
                    BigDecimal[] ref = ((String) f[0]).startsWith("planted") ? HighPrecisionReference.enclose(w)
                            : new BigDecimal[] {new BigDecimal(exact), new BigDecimal(exact)};
                    if (((String) f[0]).startsWith("hadamard") || ((String) f[0]).startsWith("ones")) {
                        BigDecimal sq = new BigDecimal(exact * exact).setScale(0, java.math.RoundingMode.HALF_EVEN).sqrt(new java.math.MathContext(60));
                        ref = new BigDecimal[] {sq, sq};
                    }
                    if (b.kind() == BoundKind.UPPER) assertThat(new BigDecimal(b.value())).as(f[0] + " " + b).isGreaterThanOrEqualTo(ref[1]);
                    else assertThat(new BigDecimal(b.value())).as(f[0] + " " + b).isLessThanOrEqualTo(ref[0]);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void emptyAndZeroShapesGiveZero(DenseMethod method, Backend backend) {
        Backend.use(backend);
        for (int[] s : new int[][] {{0, 0}, {0, 5}, {5, 0}, {3, 4}, {1, 1}}) {
            for (Bound b : method.create().bounds(DenseMatrix.zeros(s[0], s[1]))) {
                assertThat(b.value()).as(s[0] + "x" + s[1]).isZero();
                assertThat(b.status()).isEqualTo(Status.CONVERGED);
            }
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void nanAndInfAreRejected(DenseMethod method, Backend backend) {
        Backend.use(backend);
        DenseMatrix w = DenseMatrix.gaussian(3, 3, 1);
        w.set(1, 2, Double.NaN);
        assertThatThrownBy(() -> method.create().norm(w)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN").hasMessageContaining("(1, 2)");
        w.set(1, 2, Double.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> method.create().norm(w)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("infinite");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void sameSeedSameNumbers(DenseMethod method, Backend backend) {
        Backend.use(backend);
        DenseMatrix w = DenseMatrix.gaussian(20, 13, 11);
        assertThat(method.create().bounds(w)).extracting(Bound::value).isEqualTo(method.create().bounds(w).stream().map(Bound::value).toList());
    }
}
