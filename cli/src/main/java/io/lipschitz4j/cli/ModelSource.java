package io.lipschitz4j.cli;

import io.lipschitz4j.nn.Graph;
import io.lipschitz4j.nn.Layer;
import io.lipschitz4j.nn.Sequential;
import io.lipschitz4j.nn.Softmax;
import io.lipschitz4j.nn.model.ModelIo;
import io.lipschitz4j.onnx.OnnxModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A network named on the command line: an ONNX file, a directory written by {@code lipschitz train}
 * ({@code DIR/model.json} + {@code DIR/model.safetensors}), a {@code PREFIX} of such a pair, or an
 * architecture {@code .json} with {@code --weights} (.safetensors, .npz or a directory of .npy).
 *
 * @param network    the network, with a final Softmax removed (see {@code droppedSoftmax})
 * @param inputShape one sample's shape
 * @param format     "onnx" or "lipschitz4j"
 * @param droppedSoftmax true when the file's network ended in a Softmax: the argmax, and so robustness,
 *                   is decided by the logits before it, which is what is certified
 */
record ModelSource(Layer network, int[] inputShape, String format, boolean droppedSoftmax) {

    static ModelSource load(Path model, Path weights, int[] inputShape) throws IOException {
        if (!Files.exists(model) && !Files.exists(ModelIo.architecturePath(model))) throw new NoSuchFileException(model.toString());
        String name = model.getFileName().toString().toLowerCase();
        if (name.endsWith(".onnx")) {
            if (weights != null) throw new UserException("--weights: an ONNX file carries its own weights");
            OnnxModel m = OnnxModel.load(model, inputShape);
            return withoutSoftmax(m.graph(), m.inputShape(), "onnx");
        }
        ModelIo.Loaded loaded;
        if (name.endsWith(".json")) {
            Path w = weights != null ? weights : ModelIo.weightsPath(model.resolveSibling(name.substring(0, name.length() - 5)));
            loaded = ModelIo.load(model, w);
        } else {
            Path prefix = Files.isDirectory(model) ? model.resolve("model") : model;
            if (!Files.exists(ModelIo.architecturePath(prefix))) {
                throw new UserException(model + ": not an .onnx file, a model directory or a model prefix (no " + ModelIo.architecturePath(prefix) + ")");
            }
            loaded = weights != null ? ModelIo.load(ModelIo.architecturePath(prefix), weights) : ModelIo.load(prefix);
        }
        int[] shape = inputShape != null ? inputShape : loaded.inputShape();
        if (shape.length == 0) throw new UserException(model + ": the architecture has no input_shape; give --input-shape C,H,W");
        return withoutSoftmax(loaded.model(), shape, "lipschitz4j");
    }

    private static ModelSource withoutSoftmax(Layer net, int[] shape, String format) {
        if (net instanceof Sequential s && !s.layers().isEmpty() && s.layers().get(s.layers().size() - 1) instanceof Softmax) {
            return new ModelSource(new Sequential(s.layers().subList(0, s.layers().size() - 1)), shape, format, true);
        }
        if (net instanceof Graph g) {
            List<Graph.NodeView> nodes = g.nodes();
            Graph.NodeView last = nodes.isEmpty() ? null : nodes.get(nodes.size() - 1);
            if (last != null && last.name().equals(g.outputName()) && last.layer() instanceof Softmax) {
                Graph.Builder b = Graph.builder(g.inputName());
                for (Graph.NodeView n : new ArrayList<>(nodes.subList(0, nodes.size() - 1))) {
                    if (n.layer() != null) b.layer(n.name(), n.layer(), n.inputs().get(0));
                    else b.merge(n.name(), n.merge(), n.inputs().toArray(String[]::new));
                }
                return new ModelSource(b.build(last.inputs().get(0)), shape, format, true);
            }
        }
        return new ModelSource(net, shape, format, false);
    }
}
