package io.lipschitz4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lipschitz4j.nn.Layer;
import io.lipschitz4j.nn.Parameter;
import io.lipschitz4j.nn.Sequential;
import io.lipschitz4j.nn.data.FashionMnist;
import io.lipschitz4j.nn.data.Batch;
import io.lipschitz4j.nn.eval.Evaluation;
import io.lipschitz4j.nn.eval.LipschitzBounds;
import io.lipschitz4j.nn.eval.Pgd;
import io.lipschitz4j.nn.model.ModelIo;
import io.lipschitz4j.nn.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lipschitz evaluate}: test accuracy and per-layer information of a saved model. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Loads a model saved by 'lipschitz train' (MODEL_DIR/model.safetensors + model.json, or a",
            "PREFIX of PREFIX.safetensors + PREFIX.json) and reports on the Fashion-MNIST test set:",
            "  accuracy; per layer the output shape, parameters and a certified Lipschitz bound (UPPER,",
            "  from the spectral engine with the layer's real input size, padding and stride); the product",
            "  bound L; the certified radius margin/(√2·L) of every input and the certified accuracy at",
            "  ℓ₂ radii --radii; and an ℓ₂ PGD attack on --attack-samples inputs that must never break a",
            "  certified one (a 'violation' exits with code 2: it would be a bug).",
            "",
            "Example:",
            "  lipschitz evaluate runs/mlp"})
final class EvaluateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", description = "Model directory or file prefix.")
    Path model;

    @Option(names = "--data", paramLabel = "DIR", description = "Directory with the Fashion-MNIST IDX files (default /usr/share/datasets/fashion-mnist).")
    Path data;

    @Option(names = "--batch", defaultValue = "1000", description = "Evaluation batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--radii", split = ",", defaultValue = "0.1,0.25,0.5,1.0", description = "ℓ₂ radii for certified accuracy (default ${DEFAULT-VALUE}).")
    double[] radii;

    @Option(names = "--attack-samples", defaultValue = "500", description = "Test inputs attacked with PGD (0: no attack; default ${DEFAULT-VALUE}).")
    int attackSamples;

    @Option(names = "--attack-steps", defaultValue = "50", description = "PGD steps (default ${DEFAULT-VALUE}).")
    int attackSteps;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws IOException {
        Path prefix = Files.isDirectory(model) ? model.resolve("model") : model;
        if (!Files.exists(ModelIo.architecturePath(prefix))) throw new NoSuchFileException(ModelIo.architecturePath(prefix).toString());
        ModelIo.Loaded loaded = ModelIo.load(prefix);
        FashionMnist.Split split = TrainCommand.loadData(data);
        Sequential net = loaded.model();
        int[] in = loaded.inputShape().length > 0 ? loaded.inputShape() : new int[] {1, 28, 28};
        if (!Arrays.equals(in, new int[] {split.test().channels(), split.test().height(), split.test().width()})) {
            throw new UserException(ModelIo.architecturePath(prefix) + ": input_shape " + Arrays.toString(in) + " does not fit the "
                    + split.test().height() + "x" + split.test().width() + " images");
        }
        if (attackSamples < 0 || attackSteps < 1) throw new UserException("--attack-samples must be >= 0 and --attack-steps >= 1");
        for (double e : radii) if (!(e > 0)) throw new UserException("--radii must be positive, got " + e);
        long t0 = System.nanoTime();
        Batch all = split.test().slice(0, split.test().size());
        Evaluation.Result cert = Evaluation.run(net, all.x(), all.labels(), radii, null, Math.max(1, batch));
        double acc = cert.accuracy();
        Evaluation.Result attacked = null;
        if (attackSamples > 0) {
            Batch some = split.test().slice(0, Math.min(attackSamples, split.test().size()));
            attacked = Evaluation.run(net, some.x(), some.labels(), radii, new Pgd(attackSteps, 0.1, 0), Math.max(1, batch));
        }
        double secs = (System.nanoTime() - t0) / 1e9;

        ObjectNode json = Json.object();
        json.put("command", "evaluate").put("model", prefix.toString()).put("test_examples", split.test().size());
        Json.putNumber(json, "test_accuracy", acc);
        json.put("seconds", secs);
        json.putArray("input_shape").addAll(Arrays.stream(in).mapToObj(i -> Json.MAPPER.getNodeFactory().numberNode(i)).toList());
        ArrayNode layers = json.putArray("layers");
        int[] shape = in;
        long total = 0;
        StringBuilder table = new StringBuilder();
        for (int i = 0; i < net.layers().size(); i++) {
            Layer l = net.layers().get(i);
            shape = l.outputShape(shape);
            ObjectNode o = layers.addObject();
            o.put("index", i).put("layer", l.toString());
            o.putArray("output_shape").addAll(Arrays.stream(shape).mapToObj(d -> Json.MAPPER.getNodeFactory().numberNode(d)).toList());
            ArrayNode ps = o.putArray("parameters");
            long count = 0;
            StringBuilder names = new StringBuilder();
            for (Parameter p : l.parameters()) {
                ps.addObject().put("name", i + "." + p.name()).put("shape", Arrays.toString(p.value().shape()));
                count += p.size();
                names.append(names.length() == 0 ? "" : ", ").append(i).append('.').append(p.name()).append(' ').append(Arrays.toString(p.value().shape()));
            }
            o.put("parameter_count", count);
            total += count;
            table.append(String.format(Locale.ROOT, "  %2d  %-40s -> %-14s %s%n", i, l, Arrays.toString(shape), names));
        }
        json.put("parameter_count", total);
        Json.putNumber(json, "lipschitz_upper", cert.lipschitz());
        ArrayNode lb = json.putArray("layer_bounds");
        StringBuilder boundsText = new StringBuilder();
        for (LipschitzBounds.LayerBound b : cert.bounds().layers()) {
            ObjectNode o = lb.addObject().put("path", b.path()).put("layer", b.layer());
            Json.putNumber(o, "value", b.value());
            if (b.bound() != null) o.set("bound", Json.bound(b.bound()));
            boundsText.append(String.format(Locale.ROOT, "  %-6s %-40s L ≤ %.6g%s%n", b.path(), b.layer(), b.value(),
                    b.bound() == null ? "" : "  [" + b.bound().method() + "]"));
        }
        ArrayNode rs = json.putArray("radii");
        StringBuilder radiiText = new StringBuilder();
        int violations = 0;
        for (int i = 0; i < radii.length; i++) {
            Evaluation.Radius c = cert.atRadius().get(i);
            ObjectNode o = rs.addObject().put("eps", c.eps()).put("certified_accuracy", c.certifiedAccuracy()).put("certified", c.certified());
            String attackText = "";
            if (attacked != null) {
                Evaluation.Radius a = attacked.atRadius().get(i);
                o.put("attacked", a.attacked()).put("flipped_by_pgd", a.flipped()).put("violations", a.violations());
                violations += a.violations();
                attackText = String.format(Locale.ROOT, "   PGD on %d: %d flipped, %d certified broken", a.attacked(), a.flipped(), a.violations());
            }
            radiiText.append(String.format(Locale.ROOT, "  ε = %-5s certified accuracy %.4f%s%n", c.eps(), c.certifiedAccuracy(), attackText));
        }
        json.put("violations", violations);
        if (output.json) System.out.print(Json.write(json));
        else {
            System.out.printf(Locale.ROOT, "%s: test accuracy %.4f on %d examples (%.1f s)%n", prefix, acc, split.test().size(), secs);
            System.out.print(table);
            System.out.println("parameters: " + total);
            System.out.print(boundsText);
            System.out.printf(Locale.ROOT, "product Lipschitz bound L ≤ %.6g (certified radius = margin / (√2·L))%n", cert.lipschitz());
            System.out.print(radiiText);
        }
        if (output.out != null) {
            Report r = new Report("lipschitz evaluate: " + prefix.getFileName(), json).summary("model", prefix.toString())
                    .summary("test accuracy", String.format(Locale.ROOT, "%.4f", acc)).summary("parameters", Long.toString(total))
                    .summary("Lipschitz bound (product)", String.format(Locale.ROOT, "%.6g", cert.lipschitz()));
            for (Evaluation.Radius c : cert.atRadius()) {
                r.summary("certified accuracy, ε = " + c.eps(), String.format(Locale.ROOT, "%.4f", c.certifiedAccuracy()));
            }
            r.csv("bounds.txt", boundsText.toString());
            r.csv("layers.txt", table.toString());
            Path index = r.writeTo(output.out);
            if (!output.json) System.out.println("report: " + index);
        }
        if (violations > 0) {
            System.err.println("lipschitz: internal error: PGD broke " + violations + " certified inputs — a certified bound does not hold");
            return 2;
        }
        return 0;
    }
}
