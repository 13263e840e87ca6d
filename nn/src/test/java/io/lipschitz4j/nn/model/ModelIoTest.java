package io.lipschitz4j.nn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lipschitz4j.io.ArrayFormatException;
import io.lipschitz4j.io.SafetensorsReader;
import io.lipschitz4j.io.SafetensorsWriter;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.AvgPool2d;
import io.lipschitz4j.nn.Conv2d;
import io.lipschitz4j.nn.Conv2dSpec;
import io.lipschitz4j.nn.Dense;
import io.lipschitz4j.nn.Flatten;
import io.lipschitz4j.nn.GroupSort;
import io.lipschitz4j.nn.LeakyReLU;
import io.lipschitz4j.nn.MaxMin;
import io.lipschitz4j.nn.PaddingMode;
import io.lipschitz4j.nn.Sequential;
import io.lipschitz4j.nn.Tanh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelIoTest {
    @TempDir
    Path dir;

    static void assertBitEqual(Sequential a, Sequential b) {
        Map<String, Tensor> x = ModelIo.stateDict(a), y = ModelIo.stateDict(b);
        assertThat(y.keySet()).containsExactlyElementsOf(x.keySet());
        for (String k : x.keySet()) {
            assertThat(y.get(k).shape()).as(k).isEqualTo(x.get(k).shape());
            double[] u = x.get(k).data(), v = y.get(k).data();
            for (int i = 0; i < u.length; i++) {
                assertThat(Double.doubleToRawLongBits(v[i])).as("%s[%d]", k, i).isEqualTo(Double.doubleToRawLongBits(u[i]));
            }
        }
    }

    @Test
    void everyLayerTypeRoundTripsBitForBit() throws Exception {
        SplittableRandom r = new SplittableRandom(5);
        Sequential m = Sequential.of(
                new Conv2d(Conv2dSpec.of(2, 4, 3).withPadding(1).withMode(PaddingMode.CIRCULAR).withStride(1, 2), r), new LeakyReLU(0.2),
                new Conv2d(Conv2dSpec.of(4, 4, 3).withGroups(2).withDilation(2).withPadding(2).withBias(false), r), new MaxMin(),
                new AvgPool2d(2, 2, 1, 1), new GroupSort(2),
                Sequential.of(new Flatten(), new Dense(4 * 5 * 2, 6, true, r), new Tanh()), new Dense(6, 3, false, r));
        Tensor x = new Tensor(new int[] {2, 2, 6, 6}, new SplittableRandom(1).doubles(144).toArray());
        Tensor y = m.forward(x);
        Path prefix = dir.resolve("sub/model");
        ModelIo.save(prefix, m, new int[] {2, 6, 6}, Map.of("note", "test"));
        assertThat(Files.exists(dir.resolve("sub/model.safetensors"))).isTrue();
        ModelIo.Loaded back = ModelIo.load(prefix);
        assertThat(back.inputShape()).containsExactly(2, 6, 6);
        assertThat(back.metadata()).containsEntry("note", "test");
        assertBitEqual(m, back.model());
        assertThat(back.model().forward(x).data()).isEqualTo(y.data());
        assertThat(ModelIo.architecture(back.model(), back.inputShape())).isEqualTo(ModelIo.architecture(m, new int[] {2, 6, 6}));
    }

    /** The same architecture with weights from an .npz archive or a directory of .npy files (float32 too). */
    @Test
    void weightsLoadFromNpzAndNpyDirectories() throws Exception {
        Sequential m = Models.cnn(4);
        Path prefix = dir.resolve("cnn");
        ModelIo.save(prefix, m, new int[] {1, 28, 28}, null);
        Map<String, Tensor> sd = ModelIo.stateDict(m);
        Path npz = dir.resolve("w.npz");
        io.lipschitz4j.io.NpzWriter.write(npz, sd);
        assertBitEqual(m, ModelIo.load(ModelIo.architecturePath(prefix), npz).model());
        Path npyDir = Files.createDirectories(dir.resolve("npy"));
        for (Map.Entry<String, Tensor> e : sd.entrySet()) io.lipschitz4j.io.NpyWriter.write(npyDir.resolve(e.getKey() + ".npy"), e.getValue());
        ModelIo.Loaded fromNpy = ModelIo.load(ModelIo.architecturePath(prefix), npyDir);
        assertBitEqual(m, fromNpy.model());
        assertThat(fromNpy.inputShape()).containsExactly(1, 28, 28);
        Files.delete(npyDir.resolve("4.bias.npy"));
        assertThatThrownBy(() -> ModelIo.load(ModelIo.architecturePath(prefix), npyDir)).isInstanceOf(ArrayFormatException.class)
                .hasMessageContaining("4.bias").hasMessageContaining("missing");
        Path txt = Files.writeString(dir.resolve("w.txt"), "");
        assertThatThrownBy(() -> ModelIo.load(ModelIo.architecturePath(prefix), txt)).hasMessageContaining("unknown weights format");
    }

    @Test
    void referenceModelsUsePyTorchNames() throws Exception {
        assertThat(ModelIo.stateDict(Models.mlp(1)).keySet()).containsExactly("1.weight", "1.bias", "3.weight", "3.bias", "5.weight", "5.bias");
        assertThat(ModelIo.stateDict(Models.cnn(1)).keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias", "7.weight", "7.bias");
        Sequential cnn = Models.cnn(3);
        assertThat(cnn.outputShape(1, 28, 28)).containsExactly(10);
        ModelIo.save(dir.resolve("cnn"), cnn, new int[] {1, 28, 28}, null);
        assertBitEqual(cnn, ModelIo.load(dir.resolve("cnn")).model());
    }

    @Test
    void weightsThatDoNotMatchTheArchitectureAreRefused() throws Exception {
        Sequential m = Models.mlp(2);
        Path prefix = dir.resolve("m");
        ModelIo.save(prefix, m, new int[] {1, 28, 28}, null);
        Path w = ModelIo.weightsPath(prefix);
        Map<String, Tensor> sd = new LinkedHashMap<>(SafetensorsReader.read(w).tensors());
        sd.put("3.weight", Tensor.zeros(256, 255));
        SafetensorsWriter.write(w, sd);
        assertThatThrownBy(() -> ModelIo.load(prefix)).isInstanceOfSatisfying(ArrayFormatException.class,
                e -> assertThat(e.getMessage()).contains("m.safetensors[3.weight]").contains("shape"));
        sd.remove("3.weight");
        SafetensorsWriter.write(w, sd);
        assertThatThrownBy(() -> ModelIo.load(prefix)).hasMessageContaining("[3.weight]").hasMessageContaining("missing");
        Files.writeString(ModelIo.architecturePath(prefix), "{\"format\":\"lipschitz4j.sequential\",\"version\":1,\"layers\":[{\"type\":\"Dropout\"}]}");
        assertThatThrownBy(() -> ModelIo.load(prefix)).isInstanceOf(ArrayFormatException.class).hasMessageContaining("layers[0].type")
                .hasMessageContaining("Dropout");
    }
}
