package io.lipschitz4j.onnx;

import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.Graph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every fixture made by {@code make_onnx_fixtures.py} (torch.onnx.export at opsets 11, 13, 17) loads,
 * and our float64 forward pass matches ONNX Runtime on random inputs: to 1e-5 relative for float32
 * models (ORT computes in float32), 1e-12 for the float64 model.
 */
class OnnxImportTest {
    static final double FLOAT32_TOL = 1e-5, FLOAT64_TOL = 1e-12;

    static Path fixtures() {
        return Path.of("src/test/resources/onnx");
    }

    static Stream<Path> models() throws Exception {
        try (Stream<Path> s = Files.list(fixtures())) {
            return s.filter(p -> p.toString().endsWith(".onnx")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void forwardMatchesOnnxRuntime(Path file) throws Exception {
        OnnxModel m = OnnxModel.load(file);
        boolean f64 = m.inputElemType() == 11;
        int batch = file.getFileName().toString().contains("fixed_batch") ? 3 : 4;
        Tensor x = Ort.input(file.getFileName().toString().hashCode(), batch, m.inputShape());
        Tensor ours = m.graph().forward(x);
        Tensor ref = Ort.run(file, m.inputName(), x, f64);
        assertThat(ours.shape()).isEqualTo(ref.shape());
        // a fixture whose output ignores the input (saturated or broken weights) would test nothing
        int row = ref.size() / ref.dim(0);
        double spread = 0;
        for (int i = 0; i < row; i++) spread = Math.max(spread, Math.abs(ref.data()[i] - ref.data()[row + i]));
        assertThat(spread).as("%s: outputs of two different samples differ", file.getFileName()).isGreaterThan(1e-4);
        assertThat(m.graph().outputShape(m.inputShape())).isEqualTo(java.util.Arrays.copyOfRange(ref.shape(), 1, ref.rank()));
        double err = Ort.relError(ours, ref);
        System.out.printf("%-28s max rel. error vs ORT %.2e%n", file.getFileName(), err);
        assertThat(err).as("%s vs ORT; graph %s", file.getFileName(), m.graph()).isLessThan(f64 ? FLOAT64_TOL : FLOAT32_TOL);
    }

    static List<String> ops(Graph g) {
        return g.nodes().stream().map(n -> (n.layer() != null ? n.layer() : n.merge()).getClass().getSimpleName()).toList();
    }
}
