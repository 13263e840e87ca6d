package io.lipschitz4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import io.lipschitz4j.linalg.Backend;
import io.lipschitz4j.linalg.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The planted-recovery contract of every decomposition, on the native and the pure-Java BLAS/LAPACK. */
class BackendContractTest {
    private final Backend saved = Backend.current();

    @AfterEach void restore() { Backend.use(saved); }

    static Stream<Backend> backends() {
        List<Backend> b = new ArrayList<>(List.of(Backend.JAVA));
        if (Backend.nativeAvailable()) b.add(Backend.NATIVE);
        return b.stream();
    }

    @ParameterizedTest @MethodSource("backends")
    void everyDecompositionRecoversItsPlantedModel(Backend backend) {
        Backend.use(backend);
        Tensor cp = CPTensor.random(1, 2, 5, 6, 7).toDense();
        assertThat(CpAls.decompose(cp, 2, CpAls.Options.defaults().maxIterations(500).tolerance(1e-15)).model().relativeError(cp)).isLessThan(1e-8);
        Tensor tucker = TuckerTensor.random(2, new int[] {2, 3, 2}, 5, 6, 7).toDense();
        assertThat(Tucker.hooi(tucker, 2, 3, 2).relativeError()).isLessThan(1e-8);
        Tensor tt = TTTensor.random(3, new int[] {2, 3}, 5, 6, 7).toDense();
        assertThat(TensorTrain.decompose(tt, 1e-12).relativeError()).isLessThan(1e-8);
        Tensor ht = HTTensor.random(4, DimensionTree.balanced(4), 2, 3, 4, 3, 4).toDense();
        for (HierarchicalTucker.Variant v : HierarchicalTucker.Variant.values()) {
            assertThat(HierarchicalTucker.decompose(ht, DimensionTree.balanced(4), v, 1e-12, 99, null).relativeError()).isLessThan(1e-8);
        }
    }
}
