package io.lipschitz4j.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HermitianLanczosTest {
    @Test
    void topRitzValueMatchesTheLargestEigenvalue() {
        for (int n : new int[] {1, 3, 40, 200}) {
            for (int kind = 0; kind < 3; kind++) {
                double[][] h = ShiftCertificateTest.matrix(kind, n, 1, n + kind);
                double[] ev = HermitianTest.referenceEigenvalues(h[0], h[1], n);
                double norm = Math.max(Math.abs(ev[0]), Math.abs(ev[n - 1]));
                double est = HermitianLanczos.largestEigenvalue(h[0], h[1], n, 120, 1e-12, 7);
                assertThat(Math.abs(est - ev[n - 1])).as("n=%d kind=%d", n, kind).isLessThanOrEqualTo(1e-8 * norm);
            }
        }
    }
}
