package io.lipschitz4j.spectral.conv;

import static org.assertj.core.api.Assertions.assertThat;

import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.BoundKind;
import io.lipschitz4j.spectral.Status;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupsTest {
    static Bound b(double v, BoundKind k, double err) { return Bound.direct(v, k, err, "m", Duration.ZERO); }

    @Test
    void maxKindRules() {
        assertThat(Groups.max(List.of(b(1, BoundKind.UPPER, 0), b(3, BoundKind.UPPER, 0))).value()).isEqualTo(3);
        assertThat(Groups.max(List.of(b(1, BoundKind.UPPER, 0), b(3, BoundKind.UPPER, 0))).kind()).isEqualTo(BoundKind.UPPER);
        Bound mixed = Groups.max(List.of(b(1, BoundKind.UPPER, 0), b(3, BoundKind.EXACT, 0.5)));
        assertThat(mixed.kind()).isEqualTo(BoundKind.UPPER);
        assertThat(mixed.value()).isGreaterThanOrEqualTo(3.5);
        Bound lower = Groups.max(List.of(b(1, BoundKind.LOWER, 0), b(3, BoundKind.EXACT, 0.5)));
        assertThat(lower.kind()).isEqualTo(BoundKind.LOWER);
        assertThat(lower.value()).isLessThanOrEqualTo(2.5);
        assertThat(Groups.max(List.of(b(1, BoundKind.LOWER, 0), b(3, BoundKind.UPPER, 0))).kind()).isEqualTo(BoundKind.ESTIMATE);
        assertThat(Groups.max(List.of(b(1, BoundKind.EXACT, 1e-9), b(2, BoundKind.EXACT, 1e-8))).kind()).isEqualTo(BoundKind.EXACT);
        Bound worst = Groups.max(List.of(b(1, BoundKind.UPPER, 0),
                new Bound(2, BoundKind.UPPER, 0, "m", 5, Status.MAX_ITERATIONS, 0.1, Duration.ZERO)));
        assertThat(worst.status()).isEqualTo(Status.MAX_ITERATIONS);
        assertThat(worst.iterations()).isEqualTo(5);
    }

    @Test
    void splitKeepsGeometryAndPartitionsTheKernel() {
        Convolution c = Geometries.random(5);
        while (c.groups() == 1) c = Geometries.random(c.hashCode());
        List<Convolution> parts = Groups.split(c);
        int total = 0;
        for (Convolution p : parts) {
            assertThat(p.groups()).isEqualTo(1);
            assertThat(p.inputSize()).isEqualTo(c.inputSize());
            total += p.kernel().size();
        }
        assertThat(total).isEqualTo(c.kernel().size());
    }
}
