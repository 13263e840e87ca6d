package io.lipschitz4j.nn.train;

import io.lipschitz4j.io.SafetensorsWriter;
import io.lipschitz4j.nn.Dense;
import io.lipschitz4j.nn.Flatten;
import io.lipschitz4j.nn.Layer;
import io.lipschitz4j.nn.Parameter;
import io.lipschitz4j.nn.ReLU;
import io.lipschitz4j.nn.Sequential;
import io.lipschitz4j.nn.data.ImageDataset;
import io.lipschitz4j.nn.loss.SoftmaxCrossEntropy;
import io.lipschitz4j.nn.model.ModelIo;
import io.lipschitz4j.nn.optim.Adam;
import io.lipschitz4j.nn.optim.LrSchedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The run of {@link ResumeKillTest}: {@code main(dir, fresh|resume, sleepMillis)} trains the small model
 * with checkpoints every 3 steps into {@code dir/ckpt.safetensors} and, when done, writes the final
 * weights to {@code dir/final.safetensors}. {@code sleepMillis} per step (in a hook that changes nothing)
 * makes the run slow enough to be killed between checkpoints.
 */
public final class ResumeChild {
    static final int EPOCHS = 3;

    static Sequential model() {
        SplittableRandom r = new SplittableRandom(11);
        return Sequential.of(new Flatten(), new Dense(36, 16, true, r), new ReLU(), new Dense(16, 3, true, r));
    }

    /** A hook with state that changes the weights, so a resume that forgot its state would differ. */
    static final class Shrink implements StepHook {
        final double[] count = new double[1];
        final long sleepMillis;

        Shrink(long sleepMillis) { this.sleepMillis = sleepMillis; }

        @Override
        public void afterStep(Layer model, long step) {
            count[0] += 1;
            Parameter w = model.parameters().get(0);
            double f = 1 - 1e-4 * (count[0] % 5);
            double[] d = w.value().data();
            for (int i = 0; i < d.length; i++) d[i] *= f;
            if (sleepMillis > 0) {
                try {
                    Thread.sleep(sleepMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override public Map<String, double[]> state() { return Map.of("count", count); }
    }

    static Trainer trainer(Path ckpt, long sleepMillis) {
        return new Trainer(model(), new SoftmaxCrossEntropy(), new Adam(),
                new Trainer.Config(EPOCHS, 16, 7, LrSchedule.cosine(0.01, 0.001, 30), 3, false))
                .hooks(List.of(new Shrink(sleepMillis))).checkpointFile(ckpt).inputShape(1, 6, 6);
    }

    static ImageDataset data() { return Synthetic.bands(200, 3); }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Trainer t = trainer(dir.resolve("ckpt.safetensors"), Long.parseLong(args[2]));
        if (args[1].equals("resume")) t.resume(dir.resolve("ckpt.safetensors"));
        Files.writeString(dir.resolve("started-at-step"), Long.toString(t.step()));
        t.fit(data(), null);
        SafetensorsWriter.write(dir.resolve("final.safetensors"), ModelIo.stateDict(t.model()));
    }
}
