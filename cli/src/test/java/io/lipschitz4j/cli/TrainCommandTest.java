package io.lipschitz4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lipschitz4j.io.SafetensorsReader;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import com.fasterxml.jackson.databind.JsonNode;
import io.lipschitz4j.nn.eval.LipschitzBounds;
import io.lipschitz4j.nn.model.ModelIo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lipschitz train} and {@code evaluate} on a tiny synthetic Fashion-MNIST written as IDX files by the test. */
class TrainCommandTest {
    @TempDir
    Path dir;
    Path data;

    /** Raw IDX: magic (0, 0, type 0x08 = ubyte, rank), big-endian dims, bytes. */
    static byte[] idx(int[] dims, byte[] payload) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeByte(0);
        d.writeByte(0);
        d.writeByte(0x08);
        d.writeByte(dims.length);
        for (int n : dims) d.writeInt(n);
        d.write(payload);
        return b.toByteArray();
    }

    /** n images whose label is the brightest of 10 horizontal bands, so one epoch learns something. */
    static void writeSplit(Path dir, String prefix, int n, long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] px = new byte[n * 784], y = new byte[n];
        for (int i = 0; i < n; i++) {
            int label = r.nextInt(10);
            y[i] = (byte) label;
            for (int p = 0; p < 784; p++) px[i * 784 + p] = (byte) (r.nextInt(100) + ((p / 28) * 10 / 28 == label ? 150 : 0));
        }
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), idx(new int[] {n, 28, 28}, px));
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), idx(new int[] {n}, y));
    }

    @BeforeEach
    void data() throws Exception {
        data = Files.createDirectories(dir.resolve("data"));
        writeSplit(data, "train", 96, 1);
        writeSplit(data, "t10k", 40, 2);
    }

    @Test
    void trainsWritesEverythingResumesAndEvaluates() throws Exception {
        Path out = dir.resolve("run");
        CliRun r = CliRun.of("train", "--model", "mlp", "--epochs", "2", "--batch", "16", "--data", data.toString(), "--out", out.toString(),
                "--seed", "3", "--checkpoint-every", "4", "--no-progress");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("epoch  2").contains("test accuracy");
        for (String f : new String[] {"checkpoint.safetensors", "model.safetensors", "model.json", "metrics.jsonl", "metrics.csv", "loss.png",
            "accuracy.png", "index.html", "report.json"}) {
            assertThat(out.resolve(f)).as(f).exists();
        }
        assertThat(Files.readAllLines(out.resolve("metrics.jsonl"))).hasSize(2);
        assertThat(Files.readString(out.resolve("model.json"))).contains("\"type\" : \"Dense\"").contains("\"in\" : 784");
        assertThat(SafetensorsReader.read(out.resolve("model.safetensors")).tensors()).containsKeys("1.weight", "5.bias");
        assertThat(Files.readString(out.resolve("index.html"))).contains("data:image/png;base64");

        // same out without --resume: refused; with --resume and more epochs: continues from epoch 3
        CliRun.assertUserError(CliRun.of("train", "--model", "mlp", "--data", data.toString(), "--out", out.toString(), "--no-progress"), "--resume");
        CliRun more = CliRun.of("train", "--model", "mlp", "--epochs", "3", "--batch", "16", "--data", data.toString(), "--out", out.toString(),
                "--seed", "3", "--resume", "--no-progress", "--json");
        assertThat(more.exit()).as(more.err()).isZero();
        assertThat(more.out()).contains("\"steps\" : 18");
        assertThat(Files.readAllLines(out.resolve("metrics.jsonl"))).hasSize(3);
        // a different seed cannot resume exactly
        CliRun.assertUserError(CliRun.of("train", "--model", "mlp", "--epochs", "4", "--batch", "16", "--data", data.toString(), "--out", out.toString(),
                "--seed", "4", "--resume", "--no-progress"), "seed 3");

        CliRun ev = CliRun.of("evaluate", out.toString(), "--data", data.toString());
        assertThat(ev.exit()).as(ev.err()).isZero();
        assertThat(ev.out()).contains("test accuracy").contains("5.weight [10, 256]").contains("parameters: 269322");
        CliRun evj = CliRun.of("evaluate", out.toString(), "--data", data.toString(), "--json");
        assertThat(evj.out()).contains("\"test_accuracy\"").contains("\"parameter_count\" : 269322");
        JsonNode ej = Json.MAPPER.readTree(evj.out());
        // the product bound is the product of the per-layer certified bounds, and PGD breaks no certified input
        double product = 1;
        for (JsonNode b : ej.get("layer_bounds")) product *= b.get("value").asDouble();
        assertThat(ej.get("lipschitz_upper").asDouble()).isGreaterThanOrEqualTo(product * (1 - 1e-12)).isLessThan(product * (1 + 1e-9));
        assertThat(ej.get("radii")).hasSize(4);
        assertThat(ej.get("violations").asInt()).isZero();

        // a lying safetensors header in the model: exit 1, one line naming the file and tensor
        Path w = out.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(w);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        String lie = header.replaceFirst("\"dtype\":\"F64\"", "\"dtype\":\"F32\"");
        assertThat(lie).isNotEqualTo(header);
        byte[] h = lie.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(h, 0, bytes, 8, h.length);
        Files.write(w, bytes);
        CliRun.assertUserError(CliRun.of("evaluate", out.toString(), "--data", data.toString()), "model.safetensors[", "data_offsets");
    }

    @Test
    void cnnTrainsOneEpochAndControlNoneIsAccepted() throws Exception {
        Path out = dir.resolve("cnn");
        CliRun r = CliRun.of("train", "--model", "cnn", "--epochs", "1", "--batch", "32", "--optimizer", "sgd", "--control", "none",
                "--data", data.toString(), "--out", out.toString(), "--no-progress", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"model\" : \"cnn\"").contains("\"control\" : \"none\"").contains("\"precision\" : \"float32\"");
        assertThat(Files.readString(out.resolve("model.json"))).contains("\"type\" : \"Conv2d\"");
    }

    @Test
    void certifiedProjectionKeepsEveryLayerWithinItsBound() throws Exception {
        Path out = dir.resolve("projected");
        CliRun r = CliRun.of("train", "--model", "mlp", "--epochs", "1", "--batch", "32", "--control", "projection:0.5:certified",
                "--data", data.toString(), "--out", out.toString(), "--no-progress", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        ModelIo.Loaded m = ModelIo.load(out.resolve("model"));
        LipschitzBounds.Report bounds = LipschitzBounds.of(m.model(), m.inputShape());
        int dense = 0;
        for (LipschitzBounds.LayerBound b : bounds.layers()) {
            if (b.layer().startsWith("Dense")) {
                // the projection divides by a certified upper bound, so the certified norm after it is ≤ λ up to rounding
                assertThat(b.value()).as(b.path()).isLessThanOrEqualTo(0.5 * (1 + 1e-9));
                dense++;
            }
        }
        assertThat(dense).isEqualTo(3);
    }

    @Test
    void missingDataSaysHowToInstall() {
        CliRun.assertUserError(CliRun.of("train", "--model", "mlp", "--data", dir.resolve("nowhere").toString(), "--out", dir.resolve("o").toString()),
                "Fashion-MNIST not found", "dataset-fashion-mnist");
    }

    @Test
    void corruptIdxAndWrongLengthLabels() throws Exception {
        byte[] img = Files.readAllBytes(data.resolve("train-images-idx3-ubyte"));
        img[2] = 0x0D; // claims float data
        Files.write(data.resolve("train-images-idx3-ubyte"), img);
        CliRun.assertUserError(CliRun.of("train", "--model", "mlp", "--data", data.toString(), "--out", dir.resolve("o1").toString()),
                "train-images-idx3-ubyte");
        writeSplit(data, "train", 96, 1);
        Files.write(data.resolve("t10k-labels-idx1-ubyte"), idx(new int[] {39}, new byte[39]));
        CliRun.assertUserError(CliRun.of("train", "--model", "mlp", "--data", data.toString(), "--out", dir.resolve("o2").toString()),
                "t10k-labels-idx1-ubyte", "39 labels");
    }

    @Test
    void nonFiniteLossExitsOneWithoutSavingAModel() throws Exception {
        Path out = dir.resolve("nan");
        CliRun r = CliRun.of("train", "--model", "mlp", "--epochs", "3", "--batch", "16", "--optimizer", "sgd", "--lr", "1e300",
                "--schedule", "constant", "--data", data.toString(), "--out", out.toString(), "--no-progress");
        CliRun.assertUserError(r, "non-finite loss", "checkpoint");
        assertThat(out.resolve("model.safetensors")).doesNotExist();
    }

    @Test
    void float64TrainingOnRequest() throws Exception {
        Path out = dir.resolve("f64");
        CliRun r = CliRun.of("train", "--model", "cnn", "--epochs", "1", "--batch", "32", "--optimizer", "sgd", "--precision", "float64",
                "--data", data.toString(), "--out", out.toString(), "--no-progress", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"precision\" : \"float64\"");
    }

    @Test
    void marginLossTrainsAndIsRecorded() throws Exception {
        Path out = dir.resolve("hinge");
        CliRun r = CliRun.of("train", "--model", "mlp", "--epochs", "1", "--batch", "32", "--loss", "hinge:0.5",
                "--data", data.toString(), "--out", out.toString(), "--no-progress", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertThat(json.path("loss").asText()).isEqualTo("hinge:0.5");
        double first = json.path("metrics").get(0).path("loss").asDouble();
        assertThat(first).isGreaterThanOrEqualTo(0).isFinite();
        assertThat(ModelIo.load(out.resolve("model")).metadata()).containsEntry("loss", "hinge:0.5");
    }

    @Test
    void badArguments() {
        CliRun.assertUserError(CliRun.of("train", "--model", "mlp", "--loss", "hinge:-1", "--data", data.toString(), "--out", dir.resolve("o").toString()),
                "--loss", "margin");
        CliRun.assertUserError(CliRun.of("train", "--model", "mlp", "--loss", "mse", "--data", data.toString(), "--out", dir.resolve("o").toString()),
                "--loss", "unknown loss 'mse'");
        CliRun.assertUserError(CliRun.of("train", "--model", "mlp", "--precision", "half", "--data", data.toString(), "--out", dir.resolve("o").toString()),
                "--precision", "half");
        CliRun.assertUserError(CliRun.of("train", "--model", "resnet", "--data", data.toString(), "--out", dir.resolve("o").toString()), "--model", "resnet");
        CliRun.assertUserError(CliRun.of("train", "--model", "mlp", "--control", "magic", "--data", data.toString(), "--out", dir.resolve("o").toString()),
                "unknown Lipschitz control 'magic'", "none");
        CliRun.assertUserError(CliRun.of("train", "--model", "mlp", "--data", data.toString()), "--out");
        CliRun.assertUserError(CliRun.of("evaluate", dir.resolve("nomodel").toString(), "--data", data.toString()), "nomodel");
    }
}
