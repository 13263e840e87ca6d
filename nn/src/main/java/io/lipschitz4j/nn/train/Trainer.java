package io.lipschitz4j.nn.train;

import io.lipschitz4j.io.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.Layer;
import io.lipschitz4j.nn.Parameter;
import io.lipschitz4j.nn.Sequential;
import io.lipschitz4j.nn.data.Batch;
import io.lipschitz4j.nn.data.Batches;
import io.lipschitz4j.nn.data.ImageDataset;
import io.lipschitz4j.nn.loss.Loss;
import io.lipschitz4j.nn.loss.LossValue;
import io.lipschitz4j.nn.optim.LrSchedule;
import io.lipschitz4j.nn.optim.Optimizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training loop: for each epoch e the batches of {@link Batches#shuffled}(train, B, seed, e), and
 * for each batch forward, loss (+ {@link Regularizer}s), backward, optimizer step at the learning rate
 * {@code lr.at(step)}, then every {@link StepHook}. After each epoch it measures test accuracy, appends
 * an {@link EpochMetrics} and rewrites the metrics file (JSON lines) atomically.
 *
 * <p><b>Checkpoints and exact resume.</b> A {@link Checkpoint} is written atomically at the end of every
 * epoch and every {@code checkpointEverySteps} steps: weights, optimizer state by parameter name,
 * hook state, the global step, the epoch and the next batch in it, the running sums of the epoch in
 * progress, and the metrics so far. The batch order is a function of (seed, epoch) alone and the
 * arithmetic is deterministic (single-threaded BLAS), so {@link #resume} followed by {@link #fit}
 * ends with bit-identical weights to an uninterrupted run, even after a SIGKILL between checkpoints
 * (the work since the last checkpoint is redone identically).
 *
 * <p><b>Non-finite loss.</b> When the loss (data + regularizers) of a batch is NaN or infinite, no
 * backward pass or step is taken, no checkpoint is written, and {@link #fit} returns with
 * {@link Status#NON_FINITE_LOSS}; the last checkpoint on disk is the last good state.
 */
public final class Trainer {

    /** How a {@link #fit} ended. */
    public enum Status { COMPLETED, NON_FINITE_LOSS }

    /**
     * @param epochs               number of epochs to reach
     * @param batchSize            examples per step
     * @param seed                 seed of the batch orders
     * @param lr                   learning rate as a function of the global step (0-based)
     * @param checkpointEverySteps also checkpoint every this many steps (0: only at epoch ends)
     * @param dropLast             drop the last, smaller batch of an epoch
     */
    public record Config(int epochs, int batchSize, long seed, LrSchedule lr, long checkpointEverySteps, boolean dropLast) {
        public Config {
            if (epochs < 0 || batchSize < 1 || checkpointEverySteps < 0 || lr == null) {
                throw new IllegalArgumentException("invalid training config: epochs " + epochs + ", batch " + batchSize + ", checkpoint every " + checkpointEverySteps);
            }
        }
    }

    /** One finished epoch (1-based {@code epoch}); test accuracy NaN without a test set. */
    public record EpochMetrics(int epoch, long step, double loss, double accuracy, double testAccuracy,
                               double examplesPerSecond, double seconds, double lr) {
        ObjectNode toJson(ObjectMapper m) {
            ObjectNode o = m.createObjectNode();
            o.put("epoch", epoch).put("step", step).put("loss", loss).put("accuracy", accuracy);
            if (Double.isFinite(testAccuracy)) o.put("test_accuracy", testAccuracy);
            else o.putNull("test_accuracy");
            o.put("examples_per_second", examplesPerSecond).put("seconds", seconds).put("lr", lr);
            return o;
        }

        static EpochMetrics fromJson(com.fasterxml.jackson.databind.JsonNode o) {
            return new EpochMetrics(o.get("epoch").asInt(), o.get("step").asLong(), o.get("loss").asDouble(), o.get("accuracy").asDouble(),
                    o.get("test_accuracy").isNull() ? Double.NaN : o.get("test_accuracy").asDouble(),
                    o.get("examples_per_second").asDouble(), o.get("seconds").asDouble(), o.get("lr").asDouble());
        }
    }

    /**
     * Progress after a step: epoch (1-based) of epochs, batch (1-based) of batches, running mean loss
     * and accuracy of the epoch, throughput and estimated seconds left for the whole run.
     */
    public record StepProgress(int epoch, int epochs, int batch, int batches, long step, long totalSteps, double loss,
                               double accuracy, double examplesPerSecond, double etaSeconds) {}

    /** Callbacks for a progress bar and logs; all default to nothing. */
    public interface Listener {
        default void onStep(StepProgress p) {}
        default void onEpoch(EpochMetrics m) {}
        default void onCheckpoint(Path file, long step) {}
    }

    /** The outcome of {@link #fit}. */
    public record Result(Status status, String message, long steps, List<EpochMetrics> metrics) {}

    static final ObjectMapper MAPPER = new ObjectMapper();

    private final Sequential model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final Config config;
    private List<StepHook> hooks = List.of();
    private List<Regularizer> regularizers = List.of();
    private Path checkpointFile;
    private Path metricsFile;
    private Listener listener = new Listener() {};
    private int[] inputShape = new int[0];
    private int evalBatch = 1000;

    // position and epoch-in-progress sums (all saved in checkpoints)
    private long step;
    private int epoch;
    private int batch;
    private double lossSum;
    private long correct;
    private long seen;
    private double epochSeconds;
    private final List<EpochMetrics> metrics = new ArrayList<>();

    public Trainer(Sequential model, Loss loss, Optimizer optimizer, Config config) {
        this.model = model;
        this.loss = loss;
        this.optimizer = optimizer;
        this.config = config;
    }

    public Trainer hooks(List<StepHook> h) { hooks = List.copyOf(h); return this; }
    public Trainer regularizers(List<Regularizer> r) { regularizers = List.copyOf(r); return this; }
    /** Where checkpoints go (one file, replaced atomically); null for none. */
    public Trainer checkpointFile(Path f) { checkpointFile = f; return this; }
    /** Where the metrics JSON lines go (rewritten atomically each epoch); null for none. */
    public Trainer metricsFile(Path f) { metricsFile = f; return this; }
    public Trainer listener(Listener l) { listener = l; return this; }
    /** Sample shape saved with the architecture in checkpoints, e.g. {1, 28, 28}. */
    public Trainer inputShape(int... s) { inputShape = s.clone(); return this; }
    public Trainer evalBatch(int b) { evalBatch = b; return this; }

    public Sequential model() { return model; }
    public Config config() { return config; }
    public long step() { return step; }
    public int epoch() { return epoch; }
    public int batchInEpoch() { return batch; }
    public List<EpochMetrics> metrics() { return List.copyOf(metrics); }
    public List<StepHook> hookList() { return hooks; }
    Optimizer optimizer() { return optimizer; }
    int[] inputShapeArray() { return inputShape; }

    /** Restores everything from a checkpoint written by a trainer of the same model, seed and batch size. */
    public void resume(Path checkpoint) throws IOException {
        Checkpoint.restore(checkpoint, this);
    }

    void restorePosition(long step, int epoch, int batch, double lossSum, long correct, long seen, double seconds, List<EpochMetrics> ms) {
        this.step = step;
        this.epoch = epoch;
        this.batch = batch;
        this.lossSum = lossSum;
        this.correct = correct;
        this.seen = seen;
        this.epochSeconds = seconds;
        metrics.clear();
        metrics.addAll(ms);
    }

    ObjectNode positionJson() {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("step", step).put("epoch", epoch).put("batch", batch).put("seed", config.seed()).put("batch_size", config.batchSize())
                .put("drop_last", config.dropLast()).put("epochs", config.epochs());
        o.putObject("partial").put("loss_sum", lossSum).put("correct", correct).put("seen", seen).put("seconds", epochSeconds);
        var arr = o.putArray("metrics");
        for (EpochMetrics m : metrics) arr.add(m.toJson(MAPPER));
        return o;
    }

    /** Trains from the current position (fresh or resumed) until {@code config.epochs()} epochs are done. */
    public Result fit(ImageDataset train, ImageDataset test) throws IOException {
        List<Parameter> params = model.parameters();
        int perEpoch = Batches.shuffled(train, config.batchSize(), config.seed(), 0, config.dropLast()).count();
        long totalSteps = (long) perEpoch * config.epochs();
        long sessionStart = System.nanoTime(), sessionSteps = 0;
        while (epoch < config.epochs()) {
            Batches batches = Batches.shuffled(train, config.batchSize(), config.seed(), epoch, config.dropLast());
            int count = batches.count();
            while (batch < count) {
                long t0 = System.nanoTime();
                Batch b = batches.get(batch);
                model.zeroGradInPlace();
                Tensor logits = model.forward(b);
                LossValue lv = loss.evaluate(logits, b.labels());
                double value = lv.value();
                if (Double.isFinite(value)) {
                    model.backwardParameters(lv.gradient());
                    for (Regularizer r : regularizers) value += r.addGradientInPlace(params);
                }
                if (!Double.isFinite(value)) {
                    String last = checkpointFile != null && Files.exists(checkpointFile) ? "last good checkpoint " + checkpointFile
                            : "no checkpoint written yet";
                    return new Result(Status.NON_FINITE_LOSS, "non-finite loss " + value + " at epoch " + (epoch + 1) + ", batch " + (batch + 1)
                            + " (step " + step + "); training stopped, " + last, step, metrics());
                }
                double lr = config.lr().at(step);
                optimizer.stepInPlace(params, lr);
                for (StepHook h : hooks) h.afterStep(model, step);
                step++;
                batch++;
                lossSum += value * b.size();
                correct += correctCount(logits, b.labels());
                seen += b.size();
                epochSeconds += (System.nanoTime() - t0) / 1e9;
                sessionSteps++;
                double sessionSecs = (System.nanoTime() - sessionStart) / 1e9;
                long done = (long) epoch * perEpoch + batch;
                listener.onStep(new StepProgress(epoch + 1, config.epochs(), batch, count, step, totalSteps, lossSum / seen,
                        correct / (double) seen, seen / Math.max(epochSeconds, 1e-9), sessionSecs / sessionSteps * Math.max(0, totalSteps - done)));
                if (batch < count && config.checkpointEverySteps() > 0 && step % config.checkpointEverySteps() == 0) checkpoint();
            }
            double testAcc = test == null ? Double.NaN : accuracy(model, test, evalBatch);
            EpochMetrics m = new EpochMetrics(epoch + 1, step, lossSum / Math.max(1, seen), correct / (double) Math.max(1, seen), testAcc,
                    seen / Math.max(epochSeconds, 1e-9), epochSeconds, config.lr().at(Math.max(0, step - 1)));
            metrics.add(m);
            epoch++;
            batch = 0;
            lossSum = 0;
            correct = 0;
            seen = 0;
            epochSeconds = 0;
            writeMetrics();
            checkpoint();
            listener.onEpoch(m);
        }
        writeMetrics();
        return new Result(Status.COMPLETED, "trained " + config.epochs() + " epochs, " + step + " steps", step, metrics());
    }

    private void checkpoint() throws IOException {
        if (checkpointFile == null) return;
        Checkpoint.write(checkpointFile, this);
        listener.onCheckpoint(checkpointFile, step);
    }

    private void writeMetrics() throws IOException {
        if (metricsFile == null) return;
        StringBuilder sb = new StringBuilder();
        for (EpochMetrics m : metrics) sb.append(MAPPER.writeValueAsString(m.toJson(MAPPER))).append('\n');
        AtomicFiles.write(metricsFile, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Number of rows whose arg-max logit (first on ties) is the label. */
    public static int correctCount(Tensor logits, int[] labels) {
        int k = logits.dim(1), c = 0;
        double[] z = logits.data();
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int j = 1; j < k; j++) if (z[i * k + j] > z[i * k + best]) best = j;
            if (best == labels[i]) c++;
        }
        return c;
    }

    /** Accuracy of {@code model} on {@code data}, in storage order, batches of {@code batch}. */
    public static double accuracy(Layer model, ImageDataset data, int batch) {
        if (data.size() == 0) return Double.NaN;
        long c = 0;
        for (Batch b : Batches.sequential(data, batch)) {
            c += correctCount(model instanceof Sequential s ? s.forward(b) : model.forward(b.x()), b.labels());
        }
        return c / (double) data.size();
    }
}
