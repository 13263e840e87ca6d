package io.lipschitz4j.spectral.dense;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lipschitz4j.linalg.Backend;
import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.LinearOperator;
import io.lipschitz4j.spectral.Status;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link LanczosNorm#ritzOfGram} against planted spectra and against the matrix-free route. */
class LanczosNormTest {
    private final Backend saved = Backend.current();

    @AfterEach void restore() { Backend.use(saved); }

    private static List<Backend> backends() {
        return Backend.nativeAvailable() ? List.of(Backend.NATIVE, Backend.JAVA) : List.of(Backend.JAVA);
    }

    @Test void ritzOfTheGramFindsThePlantedTopSquaredSingularValue() {
        double[] sigma = {0.05, 0.3, 0.7, 1.1, 1.9, 2.5};
        for (Backend b : backends()) {
            Backend.use(b);
            for (int[] shape : new int[][] {{40, 6}, {6, 6}, {300, 6}}) {
                DenseMatrix w = DenseSoundness.planted(shape[0], shape[1], sigma, 11);
                double[] g = CholeskyCertificate.gram(w);
                for (int i = 0; i < 6; i++) for (int j = 0; j < i; j++) g[i * 6 + j] = Double.NaN; // lower part unread
                LanczosNorm.Ritz viaGram = LanczosNorm.ritzOfGram(g, 6, 1e-12, 300, 3);
                LanczosNorm.Ritz viaOperator = LanczosNorm.ritz(LinearOperator.of(w), 1e-12, 300, 3);
                assertThat(viaGram.status()).as("%s %s", b, shape[0]).isEqualTo(Status.CONVERGED);
                assertThat(viaGram.theta()).isCloseTo(2.5 * 2.5, within(1e-12 * 6.25));
                assertThat(viaGram.theta()).isCloseTo(viaOperator.theta(), within(1e-12 * 6.25));
                // same unit eigenvector up to sign
                double dot = 0;
                for (int j = 0; j < 6; j++) dot += viaGram.x()[j] * viaOperator.x()[j];
                assertThat(Math.abs(dot)).isCloseTo(1.0, within(1e-9));
                assertThat(Certify.lowerFromVector(w, viaGram.x())).isLessThanOrEqualTo(2.5).isGreaterThan(2.5 * (1 - 1e-12));
            }
        }
    }

    @Test void oneColumnNeedsNoArpack() {
        double[] g = {9.0};
        LanczosNorm.Ritz r = LanczosNorm.ritzOfGram(g, 1, 1e-10, 10, 0);
        assertThat(r.theta()).isEqualTo(9.0);
        assertThat(r.x()).containsExactly(1.0);
    }
}
