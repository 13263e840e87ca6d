package io.lipschitz4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lipschitz4j.nn.Layer;
import io.lipschitz4j.nn.Parameter;
import io.lipschitz4j.nn.Sequential;
import io.lipschitz4j.nn.data.FashionMnist;
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
            "PREFIX of PREFIX.safetensors + PREFIX.json) and reports its Fashion-MNIST test accuracy and,",
            "per layer, the output shape and parameters. (Per-layer Lipschitz bounds are to follow.)",
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
        long t0 = System.nanoTime();
        double acc = Trainer.accuracy(net, split.test(), Math.max(1, batch));
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
        if (output.json) System.out.print(Json.write(json));
        else {
            System.out.printf(Locale.ROOT, "%s: test accuracy %.4f on %d examples (%.1f s)%n", prefix, acc, split.test().size(), secs);
            System.out.print(table);
            System.out.println("parameters: " + total);
        }
        if (output.out != null) {
            Report r = new Report("lipschitz evaluate: " + prefix.getFileName(), json).summary("model", prefix.toString())
                    .summary("test accuracy", String.format(Locale.ROOT, "%.4f", acc)).summary("parameters", Long.toString(total));
            r.csv("layers.txt", table.toString());
            Path index = r.writeTo(output.out);
            if (!output.json) System.out.println("report: " + index);
        }
        return 0;
    }
}
