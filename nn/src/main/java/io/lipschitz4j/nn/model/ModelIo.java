package io.lipschitz4j.nn.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lipschitz4j.io.ArrayFormatException;
import io.lipschitz4j.io.AtomicFiles;
import io.lipschitz4j.io.Safetensors;
import io.lipschitz4j.io.SafetensorsDtype;
import io.lipschitz4j.io.SafetensorsReader;
import io.lipschitz4j.io.SafetensorsWriter;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.AvgPool2d;
import io.lipschitz4j.nn.Conv2d;
import io.lipschitz4j.nn.Conv2dSpec;
import io.lipschitz4j.nn.Dense;
import io.lipschitz4j.nn.Flatten;
import io.lipschitz4j.nn.GroupSort;
import io.lipschitz4j.nn.Layer;
import io.lipschitz4j.nn.LeakyReLU;
import io.lipschitz4j.nn.MaxMin;
import io.lipschitz4j.nn.PaddingMode;
import io.lipschitz4j.nn.Parameter;
import io.lipschitz4j.nn.ReLU;
import io.lipschitz4j.nn.Sequential;
import io.lipschitz4j.nn.Tanh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves and loads {@link Sequential} models as two files beside each other: {@code PREFIX.safetensors}
 * with the weights under PyTorch's {@code state_dict} names ({@code 1.weight}, {@code 1.bias}, …) in
 * float64, so a model loads back bit for bit, and {@code PREFIX.json} with the architecture: the layer
 * list with types and hyper-parameters (see {@link #architecture}) and the input sample shape.
 *
 * <p>Architecture format ({@code "format": "lipschitz4j.sequential", "version": 1}), one object per
 * layer: {@code Dense {in, out, bias}}, {@code Conv2d {in, out, kernel:[kH,kW], stride, padding,
 * dilation, groups, padding_mode: zeros|circular, bias}}, {@code ReLU}, {@code LeakyReLU
 * {negative_slope}}, {@code Tanh}, {@code MaxMin}, {@code GroupSort {group_size}}, {@code Flatten},
 * {@code AvgPool2d {kernel, stride}}, and nested {@code Sequential {layers}}. {@code Graph}s are not
 * saved yet.
 *
 * <p>Loading checks that every parameter the architecture implies is in the weights file with the
 * right shape and that the file holds no other tensor; problems raise {@link ArrayFormatException}
 * naming the file, tensor or layer, and field. Both files are written atomically (weights first, so a
 * reader who finds the architecture finds weights at least as new).
 */
public final class ModelIo {
    public static final String FORMAT = "lipschitz4j.sequential";
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ModelIo() {}

    /** A loaded model, its input sample shape (without the batch axis; may be empty when unknown) and metadata. */
    public record Loaded(Sequential model, int[] inputShape, Map<String, String> metadata) {}

    /** {@code PREFIX.safetensors}. */
    public static Path weightsPath(Path prefix) { return sibling(prefix, ".safetensors"); }

    /** {@code PREFIX.json}. */
    public static Path architecturePath(Path prefix) { return sibling(prefix, ".json"); }

    private static Path sibling(Path prefix, String ext) {
        return prefix.resolveSibling(prefix.getFileName() + ext);
    }

    /**
     * Writes {@code PREFIX.safetensors} (float64 weights, {@code metadata} in its header) and
     * {@code PREFIX.json}. {@code inputShape} is the shape of one input sample, e.g. {1, 28, 28}.
     */
    public static void save(Path prefix, Sequential model, int[] inputShape, Map<String, String> metadata) throws IOException {
        ObjectNode arch = architecture(model, inputShape);
        Path parent = prefix.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        SafetensorsWriter.write(weightsPath(prefix), stateDict(model), metadata, SafetensorsDtype.F64);
        byte[] json = (MAPPER.writeValueAsString(arch) + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(architecturePath(prefix), json);
    }

    /** Loads {@code PREFIX.json} and {@code PREFIX.safetensors}. */
    public static Loaded load(Path prefix) throws IOException {
        return load(architecturePath(prefix), weightsPath(prefix));
    }

    /**
     * Loads an architecture file with weights from another source: a {@code .safetensors} file, an
     * {@code .npz} archive whose members are named by parameter ({@code 0.weight}, {@code 0.bias}, …), or
     * a directory of {@code .npy} files named {@code PARAMETER.npy}. Weights of any float dtype are
     * converted to float64; names and shapes are checked as in {@link #load(Path)}.
     */
    public static Loaded load(Path architectureFile, Path weights) throws IOException {
        JsonNode arch;
        try {
            arch = MAPPER.readTree(Files.readString(architectureFile, StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ArrayFormatException(architectureFile, architectureFile.toString(), "json", "invalid JSON: " + e.getOriginalMessage(), "a model architecture");
        }
        Sequential model = fromArchitecture(arch, architectureFile);
        String name = weights.getFileName().toString().toLowerCase();
        Safetensors st;
        if (Files.isDirectory(weights)) st = new Safetensors(npyDirectory(weights), Map.of(), Map.of());
        else if (name.endsWith(".npz")) st = new Safetensors(io.lipschitz4j.io.NpzReader.read(weights), Map.of(), Map.of());
        else if (name.endsWith(".safetensors")) st = SafetensorsReader.read(weights);
        else throw new ArrayFormatException(weights, weights.toString(), "name", "unknown weights format", ".safetensors, .npz, or a directory of PARAMETER.npy files");
        loadWeightsInPlace(model, st, weights);
        return new Loaded(model, inputShape(arch), st.metadata());
    }

    private static Map<String, Tensor> npyDirectory(Path dir) throws IOException {
        Map<String, Tensor> m = new LinkedHashMap<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String n = f.getFileName().toString();
                if (n.endsWith(".npy")) m.put(n.substring(0, n.length() - 4), io.lipschitz4j.io.NpyReader.read(f));
            }
        }
        return m;
    }

    private static int[] inputShape(JsonNode arch) {
        JsonNode in = arch.get("input_shape");
        int[] inputShape = new int[in == null || !in.isArray() ? 0 : in.size()];
        for (int i = 0; i < inputShape.length; i++) inputShape[i] = in.get(i).asInt();
        return inputShape;
    }

    /** The parameters' current values by name, in model order (shared tensors, not copies). */
    public static Map<String, Tensor> stateDict(Layer model) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            if (m.put(p.name(), p.value()) != null) throw new IllegalArgumentException("duplicate parameter name " + p.name());
        }
        return m;
    }

    /**
     * Copies the tensors of {@code st} into the model's parameters by name, requiring the same set of
     * names and equal shapes.
     */
    public static void loadWeightsInPlace(Layer model, Safetensors st, Path file) throws ArrayFormatException {
        Map<String, Tensor> have = stateDict(model);
        for (Map.Entry<String, Tensor> e : have.entrySet()) {
            Tensor t = st.get(e.getKey());
            String src = file + "[" + e.getKey() + "]";
            if (t == null) throw new ArrayFormatException(file, src, "tensor", "missing", "a weight for parameter " + e.getKey() + " " + Arrays.toString(e.getValue().shape()));
            if (!Arrays.equals(t.shape(), e.getValue().shape())) {
                throw new ArrayFormatException(file, src, "shape", Arrays.toString(t.shape()), Arrays.toString(e.getValue().shape()) + " as the architecture implies");
            }
            System.arraycopy(t.data(), 0, e.getValue().data(), 0, t.size());
        }
        for (String name : st.tensors().keySet()) {
            if (!have.containsKey(name)) {
                throw new ArrayFormatException(file, file + "[" + name + "]", "tensor", "not a parameter of the architecture", "only " + have.keySet());
            }
        }
    }

    /** The architecture JSON of a model (see the class comment). */
    public static ObjectNode architecture(Sequential model, int[] inputShape) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", 1);
        ArrayNode in = root.putArray("input_shape");
        if (inputShape != null) for (int d : inputShape) in.add(d);
        root.set("layers", layers(model));
        return root;
    }

    private static ArrayNode layers(Sequential s) {
        ArrayNode arr = MAPPER.createArrayNode();
        for (Layer l : s.layers()) arr.add(layer(l));
        return arr;
    }

    private static ObjectNode layer(Layer l) {
        ObjectNode o = MAPPER.createObjectNode();
        if (l instanceof Dense d) {
            o.put("type", "Dense").put("in", d.inFeatures()).put("out", d.outFeatures()).put("bias", d.bias() != null);
        } else if (l instanceof Conv2d c) {
            Conv2dSpec s = c.spec();
            o.put("type", "Conv2d").put("in", s.inChannels()).put("out", s.outChannels());
            o.putArray("kernel").add(s.kH()).add(s.kW());
            o.putArray("stride").add(s.sH()).add(s.sW());
            o.putArray("padding").add(s.pH()).add(s.pW());
            o.putArray("dilation").add(s.dH()).add(s.dW());
            o.put("groups", s.groups()).put("padding_mode", s.mode() == PaddingMode.CIRCULAR ? "circular" : "zeros").put("bias", s.bias());
        } else if (l instanceof ReLU) {
            o.put("type", "ReLU");
        } else if (l instanceof LeakyReLU r) {
            o.put("type", "LeakyReLU").put("negative_slope", r.negativeSlope());
        } else if (l instanceof Tanh) {
            o.put("type", "Tanh");
        } else if (l instanceof MaxMin) {
            o.put("type", "MaxMin");
        } else if (l instanceof GroupSort g) {
            o.put("type", "GroupSort").put("group_size", g.groupSize());
        } else if (l instanceof Flatten) {
            o.put("type", "Flatten");
        } else if (l instanceof AvgPool2d p) {
            o.put("type", "AvgPool2d");
            o.putArray("kernel").add(p.window()[0]).add(p.window()[1]);
            o.putArray("stride").add(p.stride()[0]).add(p.stride()[1]);
        } else if (l instanceof Sequential s) {
            o.put("type", "Sequential");
            o.set("layers", layers(s));
        } else {
            throw new IllegalArgumentException("cannot save a " + l.getClass().getSimpleName() + " layer in the architecture format yet");
        }
        return o;
    }

    /** Builds a model (zero weights) from an architecture; errors name the file and {@code layers[i].field}. */
    public static Sequential fromArchitecture(JsonNode arch, Path file) throws ArrayFormatException {
        String src = file == null ? "architecture" : file.toString();
        if (arch == null || !arch.isObject()) throw new ArrayFormatException(file, src, "json", "not an object", "a model architecture");
        if (!FORMAT.equals(arch.path("format").asText())) {
            throw new ArrayFormatException(file, src, "format", "'" + arch.path("format").asText() + "'", "'" + FORMAT + "'");
        }
        if (arch.path("version").asInt() != 1) throw new ArrayFormatException(file, src, "version", arch.path("version").toString(), "1");
        return sequential(arch.get("layers"), "layers", file, src);
    }

    private static Sequential sequential(JsonNode layers, String where, Path file, String src) throws ArrayFormatException {
        if (layers == null || !layers.isArray()) throw new ArrayFormatException(file, src, where, "missing or not an array", "a list of layers");
        List<Layer> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) out.add(build(layers.get(i), where + "[" + i + "]", file, src));
        return new Sequential(out);
    }

    private static Layer build(JsonNode o, String where, Path file, String src) throws ArrayFormatException {
        String type = o.path("type").asText("");
        try {
            return switch (type) {
                case "Dense" -> new Dense(Tensor.zeros(req(o, "out", where, file, src), req(o, "in", where, file, src)),
                        bool(o, "bias", true) ? Tensor.zeros(req(o, "out", where, file, src)) : null);
                case "Conv2d" -> {
                    int[] k = pair(o, "kernel", null, where, file, src), s = pair(o, "stride", 1, where, file, src),
                            p = pair(o, "padding", 0, where, file, src), d = pair(o, "dilation", 1, where, file, src);
                    String mode = o.path("padding_mode").asText("zeros");
                    if (!mode.equals("zeros") && !mode.equals("circular")) {
                        throw new ArrayFormatException(file, src, where + ".padding_mode", "'" + mode + "'", "zeros or circular");
                    }
                    Conv2dSpec spec = new Conv2dSpec(req(o, "in", where, file, src), req(o, "out", where, file, src), k[0], k[1], s[0], s[1],
                            p[0], p[1], d[0], d[1], o.path("groups").asInt(1), mode.equals("circular") ? PaddingMode.CIRCULAR : PaddingMode.ZEROS,
                            bool(o, "bias", true));
                    yield new Conv2d(spec, Tensor.zeros(spec.outChannels(), spec.inChannels() / spec.groups(), spec.kH(), spec.kW()),
                            spec.bias() ? Tensor.zeros(spec.outChannels()) : null);
                }
                case "ReLU" -> new ReLU();
                case "LeakyReLU" -> new LeakyReLU(o.path("negative_slope").asDouble(0.01));
                case "Tanh" -> new Tanh();
                case "MaxMin" -> new MaxMin();
                case "GroupSort" -> new GroupSort(req(o, "group_size", where, file, src));
                case "Flatten" -> new Flatten();
                case "AvgPool2d" -> {
                    int[] k = pair(o, "kernel", null, where, file, src);
                    int[] s = o.has("stride") ? pair(o, "stride", null, where, file, src) : k;
                    yield new AvgPool2d(k[0], k[1], s[0], s[1]);
                }
                case "Sequential" -> sequential(o.get("layers"), where + ".layers", file, src);
                default -> throw new ArrayFormatException(file, src, where + ".type", "unknown layer type '" + type + "'",
                        "Dense, Conv2d, ReLU, LeakyReLU, Tanh, MaxMin, GroupSort, Flatten, AvgPool2d or Sequential");
            };
        } catch (IllegalArgumentException e) {
            throw new ArrayFormatException(file, src, where, "invalid " + type + ": " + e.getMessage(), null);
        }
    }

    private static int req(JsonNode o, String key, String where, Path file, String src) throws ArrayFormatException {
        JsonNode v = o.get(key);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new ArrayFormatException(file, src, where + "." + key, v == null ? "missing" : String.valueOf(v), "an integer");
        }
        return v.intValue();
    }

    private static boolean bool(JsonNode o, String key, boolean dflt) {
        JsonNode v = o.get(key);
        return v == null ? dflt : v.asBoolean(dflt);
    }

    private static int[] pair(JsonNode o, String key, Integer dflt, String where, Path file, String src) throws ArrayFormatException {
        JsonNode v = o.get(key);
        if (v == null && dflt != null) return new int[] {dflt, dflt};
        if (v != null && v.isIntegralNumber()) return new int[] {v.intValue(), v.intValue()};
        if (v == null || !v.isArray() || v.size() != 2 || !v.get(0).isIntegralNumber() || !v.get(1).isIntegralNumber()) {
            throw new ArrayFormatException(file, src, where + "." + key, v == null ? "missing" : String.valueOf(v), "[h, w], two integers");
        }
        return new int[] {v.get(0).intValue(), v.get(1).intValue()};
    }
}
