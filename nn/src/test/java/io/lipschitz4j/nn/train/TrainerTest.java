package io.lipschitz4j.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lipschitz4j.io.SafetensorsReader;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.Parameter;
import io.lipschitz4j.nn.data.ImageDataset;
import io.lipschitz4j.nn.loss.SoftmaxCrossEntropy;
import io.lipschitz4j.nn.model.ModelIo;
import io.lipschitz4j.nn.optim.LrSchedule;
import io.lipschitz4j.nn.optim.Optimizer;
import io.lipschitz4j.nn.optim.Sgd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    @TempDir
    Path dir;

    private final ImageDataset train = Synthetic.bands(200, 3), test = Synthetic.bands(100, 4);

    private Trainer sgd(int epochs, Path ckpt) {
        return new Trainer(ResumeChild.model(), new SoftmaxCrossEntropy(), Sgd.nesterov(0.9).withWeightDecay(1e-4),
                new Trainer.Config(epochs, 32, 5, LrSchedule.step(0.05, 7, 0.5), 4, false))
                .hooks(List.of(new ResumeChild.Shrink(0))).checkpointFile(ckpt).inputShape(1, 6, 6);
    }

    private static void assertSameWeights(Trainer a, Trainer b) {
        Map<String, Tensor> x = ModelIo.stateDict(a.model()), y = ModelIo.stateDict(b.model());
        for (String k : x.keySet()) {
            double[] u = x.get(k).data(), v = y.get(k).data();
            for (int i = 0; i < u.length; i++) assertThat(Double.doubleToRawLongBits(v[i])).as("%s[%d]", k, i).isEqualTo(Double.doubleToRawLongBits(u[i]));
        }
    }

    @Test
    void learnsAndWritesMetricsAndCheckpoints() throws Exception {
        Path metrics = dir.resolve("metrics.jsonl");
        List<Trainer.StepProgress> progress = new ArrayList<>();
        Trainer t = sgd(4, dir.resolve("ckpt.safetensors")).metricsFile(metrics).listener(new Trainer.Listener() {
            @Override public void onStep(Trainer.StepProgress p) { progress.add(p); }
        });
        Trainer.Result r = t.fit(train, test);
        assertThat(r.status()).isEqualTo(Trainer.Status.COMPLETED);
        assertThat(r.steps()).isEqualTo(4 * 7);
        assertThat(r.metrics()).hasSize(4);
        assertThat(r.metrics().get(3).testAccuracy()).isGreaterThan(0.9);
        assertThat(r.metrics().get(3).loss()).isLessThan(r.metrics().get(0).loss());
        assertThat(Files.readAllLines(metrics)).hasSize(4).allSatisfy(l -> assertThat(l).startsWith("{\"epoch\":").contains("\"test_accuracy\":"));
        assertThat(progress).hasSize(28);
        assertThat(progress.get(27).etaSeconds()).isZero();
        assertThat(progress.get(6).batches()).isEqualTo(7);
        var ck = SafetensorsReader.read(dir.resolve("ckpt.safetensors"));
        assertThat(ck.tensors()).containsKeys("model/1.weight", "optimizer/1.weight.momentum_buffer", "optimizer/3.bias.step", "hook/0/count");
        assertThat(ck.get("hook/0/count").data()).containsExactly(28.0);
        assertThat(Checkpoint.architecture(dir.resolve("ckpt.safetensors")).get("layers").size()).isEqualTo(4);
    }

    @Test
    void resumeFromEveryKindOfCheckpointContinuesExactly() throws Exception {
        Trainer full = sgd(3, null);
        full.fit(train, test);
        // stop after 2 epochs (epoch-end checkpoint), and separately mid-epoch via a step checkpoint
        Path ck = dir.resolve("a.safetensors");
        sgd(2, ck).fit(train, test);
        Trainer resumed = sgd(3, ck);
        resumed.resume(ck);
        assertThat(resumed.step()).isEqualTo(14);
        Trainer.Result r = resumed.fit(train, test);
        assertSameWeights(full, resumed);
        assertThat(r.metrics()).hasSize(3);
        assertThat(r.metrics().get(2).loss()).isEqualTo(full.metrics().get(2).loss());
        assertThat(r.metrics().get(0).testAccuracy()).isEqualTo(full.metrics().get(0).testAccuracy());

        // a checkpoint at step 8 (epoch 2, batch 2): copy it away when it is written
        Path mid = dir.resolve("mid.safetensors");
        Path ck2 = dir.resolve("b.safetensors");
        sgd(3, ck2).listener(new Trainer.Listener() {
            @Override public void onCheckpoint(Path file, long step) {
                try {
                    if (step == 8) Files.copy(file, mid);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }).fit(train, test);
        Trainer fromMid = sgd(3, null);
        fromMid.resume(mid);
        assertThat(fromMid.epoch()).isEqualTo(1);
        assertThat(fromMid.batchInEpoch()).isEqualTo(1);
        fromMid.fit(train, test);
        assertSameWeights(full, fromMid);
        assertThat(fromMid.metrics().get(1).loss()).isEqualTo(full.metrics().get(1).loss());
        assertThat(fromMid.metrics().get(1).accuracy()).isEqualTo(full.metrics().get(1).accuracy());
    }

    @Test
    void resumeRefusesAnotherSeed() throws Exception {
        Path ck = dir.resolve("c.safetensors");
        sgd(1, ck).fit(train, null);
        Trainer other = new Trainer(ResumeChild.model(), new SoftmaxCrossEntropy(), Sgd.plain(),
                new Trainer.Config(2, 32, 6, LrSchedule.constant(0.1), 0, false));
        assertThatThrownBy(() -> other.resume(ck)).hasMessageContaining("seed 5").hasMessageContaining("seed 6");
    }

    @Test
    void nonFiniteLossStopsAndKeepsTheLastGoodCheckpoint() throws Exception {
        Path ck = dir.resolve("nan.safetensors");
        // an optimizer that makes the output bias (4th parameter) NaN at step 9 (epoch 2), after the
        // epoch-1 checkpoint (NaN in earlier layers can be masked: this ReLU maps NaN to 0)
        Optimizer sgd = Sgd.plain();
        long[] n = {0};
        Optimizer exploding = (p, lr) -> {
            sgd.stepInPlace(p, lr);
            if (n[0]++ == 9 * 4 + 3) java.util.Arrays.fill(p.value().data(), Double.NaN);
        };
        Trainer t = new Trainer(ResumeChild.model(), new SoftmaxCrossEntropy(), exploding,
                new Trainer.Config(3, 32, 5, LrSchedule.constant(0.05), 0, false)).checkpointFile(ck).metricsFile(dir.resolve("m.jsonl"));
        Trainer.Result r = t.fit(train, test);
        assertThat(r.status()).isEqualTo(Trainer.Status.NON_FINITE_LOSS);
        assertThat(r.message()).contains("non-finite loss").contains("epoch 2").contains("last good checkpoint").contains(ck.toString());
        assertThat(r.steps()).isEqualTo(10);
        var saved = SafetensorsReader.read(ck);
        assertThat(saved.get("model/1.weight").allFinite()).isTrue();
        assertThat(saved.metadata().get("lipschitz4j.checkpoint")).contains("\"step\":7");
        assertThat(Files.readAllLines(dir.resolve("m.jsonl"))).hasSize(1);
    }

    @Test
    void regularizerGradientAndValueAreAdded() throws Exception {
        double[] seen = {0};
        Regularizer l2 = ps -> {
            double v = 0;
            for (Parameter p : ps) {
                double[] w = p.value().data(), g = p.grad().data();
                for (int i = 0; i < w.length; i++) {
                    v += 0.5 * w[i] * w[i];
                    g[i] += w[i];
                }
            }
            seen[0] = v;
            return v;
        };
        Trainer t = new Trainer(ResumeChild.model(), new SoftmaxCrossEntropy(), Sgd.plain(),
                new Trainer.Config(1, 200, 5, LrSchedule.constant(0.1), 0, false)).regularizers(List.of(l2));
        double w0 = ModelIo.stateDict(t.model()).get("3.weight").data()[0];
        Trainer.Result r = t.fit(train, null);
        assertThat(r.metrics().get(0).loss()).isGreaterThan(seen[0]);
        // one full-batch step: w ← w − 0.1·(∂L/∂w + w), so the decay is visible
        assertThat(Math.abs(ModelIo.stateDict(t.model()).get("3.weight").data()[0])).isNotEqualTo(Math.abs(w0));
    }
}
