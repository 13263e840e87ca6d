package io.lipschitz4j.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shift certificate against LAPACK eigenvalues of the real embedding, on both factorization routes. */
class ShiftCertificateTest {
    private final Backend before = Backend.current();

    @AfterEach
    void restore() { Backend.use(before); }

    static java.util.List<Backend> backends() { return BackendsSource.available(); }

    /** Hermitian test matrices: random, rank one, and with a repeated top eigenvalue, scaled. */
    static double[][] matrix(int kind, int n, double scale, long seed) {
        double[][] h = HermitianTest.hermitian(n, seed);
        if (kind == 1) { // rank one v·vᴴ
            SplittableRandom r = new SplittableRandom(seed);
            double[] vr = new double[n], vi = new double[n];
            for (int i = 0; i < n; i++) { vr[i] = Gaussian.next(r); vi[i] = Gaussian.next(r); }
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
                h[0][i * n + j] = vr[i] * vr[j] + vi[i] * vi[j];
                h[1][i * n + j] = vi[i] * vr[j] - vr[i] * vi[j];
            }
        } else if (kind == 2) { // diagonal with the top value three times
            java.util.Arrays.fill(h[0], 0);
            java.util.Arrays.fill(h[1], 0);
            for (int i = 0; i < n; i++) h[0][i * n + i] = i < 3 ? 2 : Math.sin(i);
        }
        for (int i = 0; i < n * n; i++) { h[0][i] *= scale; h[1][i] *= scale; }
        return h;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void certifiesExactlyTheShiftsAboveTheTopEigenvalue(Backend backend) {
        Backend.use(backend);
        int checks = 0;
        for (int n : new int[] {1, 2, 5, 11, 12, 64, 97, 128, 130, 200}) {
            ShiftCertificate cert = new ShiftCertificate(n);
            for (int kind = 0; kind < 3; kind++) {
                for (double scale : new double[] {1, 1e-150, 1e150}) {
                    double[][] h = matrix(kind, n, scale, 31L * n + kind);
                    double[] ev = HermitianTest.referenceEigenvalues(h[0], h[1], n);
                    double top = ev[n - 1], norm = Math.max(Math.abs(ev[0]), Math.abs(top));
                    double refErr = 1e-13 * norm; // LAPACK reference accuracy
                    for (double rel : new double[] {-1e-3, -1e-6, -1e-12, 0, 1e-12, 1e-6, 1e-3}) {
                        double mu = top + rel * norm;
                        double delta = cert.test(h[0], h[1], n, mu);
                        if (rel <= -1e-6) assertThat(delta).as("n=%d kind=%d rel=%g", n, kind, rel).isNaN();
                        if (rel >= 1e-6) assertThat(delta).as("n=%d kind=%d rel=%g", n, kind, rel).isNotNaN();
                        if (!Double.isNaN(delta)) {
                            assertThat(delta).isGreaterThanOrEqualTo(0);
                            assertThat(top - refErr).as("sound: n=%d kind=%d rel=%g", n, kind, rel).isLessThanOrEqualTo(mu + delta);
                            if (rel >= 1e-6) assertThat(delta).isLessThanOrEqualTo(1e-9 * norm);
                            checks++;
                        }
                    }
                }
            }
        }
        assertThat(checks).isGreaterThan(100);
    }
}
