package io.lipschitz4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.Sequential;
import io.lipschitz4j.nn.model.ModelIo;
import io.lipschitz4j.nn.model.Models;
import io.lipschitz4j.io.NpzWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertifyCommandTest {
    private static final Path EXAMPLES = Path.of("..", "examples");

    @TempDir
    Path dir;

    /** The README's main job: the bundled ONNX model on the bundled test images. */
    @Test
    void bundledOnnxModelIsCertifiedWithReport() throws Exception {
        Path out = dir.resolve("report");
        CliRun r = CliRun.of("certify", EXAMPLES.resolve("fmnist-cnn.onnx").toString(), "--data", EXAMPLES.resolve("fmnist-test-256.npz").toString(),
                "--limit", "64", "--attack-samples", "16", "--lower-samples", "4", "--json", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = Json.MAPPER.readTree(r.out());
        double upper = j.get("upper").get("value").asDouble(), lower = j.get("lower").get("value").asDouble();
        assertThat(j.get("upper").get("kind").asText()).isEqualTo("UPPER");
        assertThat(lower).isPositive().isLessThanOrEqualTo(upper);
        assertThat(j.get("nodes")).hasSize(8);
        double product = 1;
        for (JsonNode n : j.get("nodes")) product *= n.get("local").get(0).asDouble();
        assertThat(upper).isGreaterThanOrEqualTo(product * (1 - 1e-12)); // a chain: the bound is the rounded-up product
        JsonNode data = j.get("data");
        assertThat(data.get("inputs").asInt()).isEqualTo(64);
        assertThat(data.get("violations").asInt()).isZero();
        double prev = 1;
        for (JsonNode c : data.get("certified_accuracy")) {
            assertThat(c.get("certified_accuracy").asDouble()).isLessThanOrEqualTo(prev).isLessThanOrEqualTo(data.get("accuracy").asDouble());
            prev = c.get("certified_accuracy").asDouble();
        }
        assertThat(out.resolve("index.html")).exists();
        assertThat(Files.readString(out.resolve("index.html"))).contains("Per node").contains("data:image/png;base64,");
        assertThat(out.resolve("radii.csv")).exists();
    }

    /** Our own model format and its ONNX export give the same certified bound. */
    @Test
    void savedModelAndItsOnnxExportAgree() throws Exception {
        Sequential cnn = Models.cnn(7);
        ModelIo.save(dir.resolve("m/model"), cnn, new int[] {1, 28, 28}, null);
        double[] x = new SplittableRandom(1).doubles(3 * 784).toArray();
        Path npz = dir.resolve("d.npz");
        NpzWriter.write(npz, Map.of("x", new Tensor(new int[] {3, 784}, x), "y", new Tensor(new int[] {3}, new double[] {1, 2, 3})));
        CliRun a = CliRun.of("certify", dir.resolve("m").toString(), "--data", npz.toString(), "--attack-samples", "0", "--lower-samples", "2", "--json");
        assertThat(a.exit()).as(a.err()).isZero();
        Path onnx = dir.resolve("m.onnx");
        CliRun e = CliRun.of("export", dir.resolve("m").toString(), onnx.toString(), "--float64");
        assertThat(e.exit()).as(e.err()).isZero();
        CliRun b = CliRun.of("certify", onnx.toString(), "--attack-samples", "0", "--lower-samples", "2", "--json");
        assertThat(b.exit()).as(b.err()).isZero();
        double ua = Json.MAPPER.readTree(a.out()).get("upper").get("value").asDouble(), ub = Json.MAPPER.readTree(b.out()).get("upper").get("value").asDouble();
        assertThat(ub).isCloseTo(ua, org.assertj.core.data.Percentage.withPercentage(1e-6));
        assertThat(Json.MAPPER.readTree(a.out()).get("data").get("radius")).hasSize(3);
    }

    @Test
    void badInputIsOneLine() throws Exception {
        Path junk = Files.write(dir.resolve("junk.onnx"), new byte[] {1, 2, 3, 4, 5, 6, 7});
        CliRun.assertUserError(CliRun.of("certify", junk.toString()), "junk.onnx");
        CliRun.assertUserError(CliRun.of("certify", dir.resolve("none.onnx").toString()), "none.onnx", "no such file");
        Path npz = dir.resolve("wrong.npz");
        NpzWriter.write(npz, Map.of("x", Tensor.zeros(2, 5)));
        CliRun.assertUserError(CliRun.of("certify", EXAMPLES.resolve("fmnist-cnn.onnx").toString(), "--data", npz.toString()), "wrong.npz", "784");
        CliRun.assertUserError(CliRun.of("certify", EXAMPLES.resolve("fmnist-cnn.onnx").toString(), "--box", "1,0"), "--box");
        CliRun.assertUserError(CliRun.of("certify", dir.toString()), "not an .onnx file");
        Path badLabel = dir.resolve("label.npz");
        NpzWriter.write(badLabel, Map.of("x", Tensor.zeros(1, 784), "y", new Tensor(new int[] {1}, new double[] {12})));
        CliRun.assertUserError(CliRun.of("certify", EXAMPLES.resolve("fmnist-cnn.onnx").toString(), "--data", badLabel.toString(),
                "--attack-samples", "0", "--lower-samples", "1"), "label.npz", "label 12");
    }
}
