package io.lipschitz4j.spectral.conv;

import static org.assertj.core.api.Assertions.assertThat;

import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.BoundKind;
import io.lipschitz4j.spectral.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every bound against σ_max from the LAPACK SVD of ConvOperator.toDense(): UPPER ≥ exact, LOWER ≤ exact, always. */
class ConvBoundsTest {
    static final List<Convolution> CASES = NastyKernels.all(150, 21);

    static boolean upperHolds(Bound b, double exact) { return b.value() >= exact * (1 - Exact.LAPACK_REL); }
    static boolean lowerHolds(Bound b, double exact) { return b.value() <= exact * (1 + Exact.LAPACK_REL); }

    @Test
    void singlaFeiziIsAnUpperBoundForBothPaddings() {
        int circ = 0, zero = 0;
        for (Convolution c : CASES) {
            double exact = Exact.sigmaMax(c);
            Bound b = ConvBounds.singlaFeizi(c);
            assertThat(b.kind()).isEqualTo(BoundKind.UPPER);
            assertThat(upperHolds(b, exact)).as("%s: %s < %s", Geometries.describe(c), b, exact).isTrue();
            if (c.padding() == Padding.CIRCULAR) circ++; else zero++;
        }
        assertThat(circ).isGreaterThan(30);
        assertThat(zero).isGreaterThan(30);
    }

    @Test
    void spatialGramIsAnUpperBoundForBothPaddings() {
        double worst = 0;
        for (Convolution c : CASES) {
            double exact = Exact.sigmaMax(c);
            Bound b = ConvBounds.spatialGram(c, 3);
            assertThat(b.kind()).isEqualTo(BoundKind.UPPER);
            assertThat(b.status()).isNotEqualTo(Status.DIVERGED);
            assertThat(upperHolds(b, exact)).as("%s: %s < %s", Geometries.describe(c), b, exact).isTrue();
            if (exact > 0) worst = Math.max(worst, b.value() / exact);
        }
        System.out.printf("spatial-gram(3) worst ratio to exact over %d cases: %.4f%n", CASES.size(), worst);
    }

    @Test
    void powerIterationIsALowerBoundAndTight() {
        int tight = 0;
        for (Convolution c : CASES) {
            double exact = Exact.sigmaMax(c);
            Bound b = ConvBounds.powerIteration(c, 42, 1e-12, 3000);
            assertThat(b.kind()).isEqualTo(BoundKind.LOWER);
            assertThat(b.status()).isNotEqualTo(Status.DIVERGED);
            assertThat(lowerHolds(b, exact)).as("%s: %s > %s", Geometries.describe(c), b, exact).isTrue();
            assertThat(b.value()).isGreaterThanOrEqualTo(0);
            if (b.value() >= exact * (1 - 1e-6)) tight++;
        }
        assertThat(tight).as("tight within 1e-6").isGreaterThan(CASES.size() * 9 / 10);
    }

    @Test
    void miyatoIsAnEstimateThatCanFallOnEitherSide() {
        boolean above = false, below = false;
        for (Convolution c : CASES) {
            Bound b = ConvBounds.miyato(c);
            assertThat(b.kind()).isEqualTo(BoundKind.ESTIMATE);
            double exact = Exact.sigmaMax(c);
            if (b.value() > exact * 1.01) above = true;
            if (b.value() < exact * 0.99) below = true;
        }
        assertThat(above && below).as("Miyato is neither upper nor lower bound on this set").isTrue();
    }

    @Test
    void groupsCombineByMax() {
        for (Convolution c : CASES) {
            if (c.groups() == 1) continue;
            List<Convolution> parts = Groups.split(c);
            assertThat(parts).hasSize(c.groups());
            double max = 0;
            for (Convolution p : parts) max = Math.max(max, Exact.sigmaMax(p));
            double exact = Exact.sigmaMax(c);
            assertThat(max).isCloseTo(exact, org.assertj.core.api.Assertions.within(1e-12 * exact + 1e-300));
        }
    }
}
