package io.lipschitz4j.nn.train;

import com.fasterxml.jackson.databind.JsonNode;
import io.lipschitz4j.io.ArrayFormatException;
import io.lipschitz4j.io.Safetensors;
import io.lipschitz4j.io.SafetensorsDtype;
import io.lipschitz4j.io.SafetensorsReader;
import io.lipschitz4j.io.SafetensorsWriter;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.model.ModelIo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training checkpoint in one safetensors file, written atomically (a SIGKILL leaves the previous
 * checkpoint or the new one, never a torn file). Float64 tensors:
 * <ul>
 *   <li>{@code model/NAME}: the weights under PyTorch's names ({@code model/1.weight});</li>
 *   <li>{@code optimizer/PARAM.FIELD}: {@link io.lipschitz4j.nn.optim.Optimizer#stateDict()};</li>
 *   <li>{@code hook/I/KEY}: {@link StepHook#state()} of the I-th hook;</li>
 * </ul>
 * and in {@code __metadata__}: {@code lipschitz4j.checkpoint}, a JSON object with the step, epoch, next
 * batch, seed, batch size, the running sums of the epoch in progress and the metrics so far, and
 * {@code lipschitz4j.architecture}, the model's architecture ({@link ModelIo#architecture}). The
 * position in the random stream is (seed, epoch, batch): the batch order is derived from (seed, epoch).
 */
public final class Checkpoint {
    static final String POSITION = "lipschitz4j.checkpoint";
    static final String ARCHITECTURE = "lipschitz4j.architecture";

    private Checkpoint() {}

    static void write(Path file, Trainer t) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        ModelIo.stateDict(t.model()).forEach((k, v) -> tensors.put("model/" + k, v));
        t.optimizer().stateDict().forEach((k, v) -> tensors.put("optimizer/" + k, new Tensor(new int[] {v.length}, v)));
        List<StepHook> hooks = t.hookList();
        for (int i = 0; i < hooks.size(); i++) {
            int hi = i;
            hooks.get(i).state().forEach((k, v) -> tensors.put("hook/" + hi + "/" + k, new Tensor(new int[] {v.length}, v.clone())));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(POSITION, Trainer.MAPPER.writeValueAsString(t.positionJson()));
        meta.put(ARCHITECTURE, Trainer.MAPPER.writeValueAsString(ModelIo.architecture(t.model(), t.inputShapeArray())));
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        SafetensorsWriter.write(file, tensors, meta, SafetensorsDtype.F64);
    }

    static void restore(Path file, Trainer t) throws IOException {
        Safetensors st = SafetensorsReader.read(file);
        String pos = st.metadata().get(POSITION);
        if (pos == null) throw new ArrayFormatException(file, file.toString(), "__metadata__", "no " + POSITION + " entry", "a lipschitz4j training checkpoint");
        JsonNode p = Trainer.MAPPER.readTree(pos);
        Trainer.Config c = t.config();
        if (p.get("seed").asLong() != c.seed() || p.get("batch_size").asInt() != c.batchSize() || p.get("drop_last").asBoolean() != c.dropLast()) {
            throw new IllegalArgumentException("checkpoint " + file + " was made with seed " + p.get("seed") + ", batch " + p.get("batch_size")
                    + ", drop_last " + p.get("drop_last") + "; this run has seed " + c.seed() + ", batch " + c.batchSize() + ", drop_last " + c.dropLast()
                    + " (resume needs the same to continue exactly)");
        }
        Map<String, Tensor> model = new LinkedHashMap<>();
        Map<String, double[]> optim = new LinkedHashMap<>();
        Map<String, Tensor> hooks = new LinkedHashMap<>();
        st.tensors().forEach((k, v) -> {
            if (k.startsWith("model/")) model.put(k.substring(6), v);
            else if (k.startsWith("optimizer/")) optim.put(k.substring(10), v.data());
            else hooks.put(k, v);
        });
        ModelIo.loadWeightsInPlace(t.model(), new Safetensors(model, Map.of(), Map.of()), file);
        t.optimizer().loadStateDict(optim);
        List<StepHook> hs = t.hookList();
        for (int i = 0; i < hs.size(); i++) {
            for (Map.Entry<String, double[]> e : hs.get(i).state().entrySet()) {
                String key = "hook/" + i + "/" + e.getKey();
                Tensor v = hooks.remove(key);
                if (v == null) throw new ArrayFormatException(file, file + "[" + key + "]", "tensor", "missing", "the state of hook " + hs.get(i));
                if (v.size() != e.getValue().length) {
                    throw new ArrayFormatException(file, file + "[" + key + "]", "shape", v.size() + " entries", e.getValue().length + " entries");
                }
                System.arraycopy(v.data(), 0, e.getValue(), 0, v.size());
            }
        }
        if (!hooks.isEmpty()) {
            throw new ArrayFormatException(file, file + "[" + hooks.keySet().iterator().next() + "]", "tensor",
                    "state of a hook this run does not have", "the same --control as the checkpointed run");
        }
        JsonNode partial = p.get("partial");
        List<Trainer.EpochMetrics> ms = new ArrayList<>();
        for (JsonNode m : p.get("metrics")) ms.add(Trainer.EpochMetrics.fromJson(m));
        t.restorePosition(p.get("step").asLong(), p.get("epoch").asInt(), p.get("batch").asInt(), partial.get("loss_sum").asDouble(),
                partial.get("correct").asLong(), partial.get("seen").asLong(), partial.get("seconds").asDouble(), ms);
    }

    /** The architecture JSON stored in a checkpoint's metadata. */
    public static JsonNode architecture(Path file) throws IOException {
        String a = SafetensorsReader.read(file).metadata().get(ARCHITECTURE);
        if (a == null) throw new ArrayFormatException(file, file.toString(), "__metadata__", "no " + ARCHITECTURE + " entry", "a lipschitz4j training checkpoint");
        return Trainer.MAPPER.readTree(a);
    }
}
