package io.lipschitz4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lipschitz4j.tensor.SpinGlass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lipschitz tensor spin-glass}: spread of spin-glass minima and of trained networks' test losses vs size. */
@Command(name = "spin-glass", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "The loss-surface picture of Choromanska, Henaff, Mathieu, Ben Arous & LeCun (2015, AISTATS).",
            "",
            "Spin glass: H(w) = Lambda^(-(H-1)/2) sum X_{i1..iH} w_i1...w_iH on the sphere ||w||^2 = Lambda,",
            "X i.i.d. N(0,1). For each size Lambda, one seeded instance, Riemannian gradient descent from",
            "--starts random points; the minima H(w*)/Lambda concentrate as Lambda grows (for H = 3 in a band",
            "near [-1.657, -1.633], the ground state and the threshold of the Lambda -> infinity theory).",
            "",
            "Networks: one-hidden-layer ReLU networks of growing width, trained from --seeds seeds on one",
            "fixed teacher-student task (inputs N(0, I_dim), labels from a random ReLU teacher); the spread",
            "of their test losses shrinks with width.",
            "",
            "Spread = standard deviation and interquartile range across starts (seeds).",
            "",
            "Examples:",
            "  lipschitz tensor spin-glass",
            "  lipschitz tensor spin-glass --sizes 10,20,40 --starts 30 --widths 4,16,64 --seeds 10 --out runs/spin"})
final class SpinGlassCommand implements Callable<Integer> {
    @Option(names = "--sizes", defaultValue = "10,20,40,80", paramLabel = "L1,L2,...", description = "Spin-glass dimensions Lambda (default ${DEFAULT-VALUE}).")
    String sizes;

    @Option(names = "--starts", defaultValue = "40", description = "Random starts per size (default ${DEFAULT-VALUE}).")
    int starts;

    @Option(names = "--order", defaultValue = "3", description = "H, the order of the interaction (default ${DEFAULT-VALUE}).")
    int order;

    @Option(names = "--tol", defaultValue = "1e-6", description = "Stop when the Riemannian gradient of H/Lambda is below this (default ${DEFAULT-VALUE}).")
    double tol;

    @Option(names = "--max-iterations", defaultValue = "5000", description = "Descent steps per start (default ${DEFAULT-VALUE}).")
    int maxIterations;

    @Option(names = "--widths", defaultValue = "2,8,32,128", paramLabel = "W1,W2,...", description = "Hidden widths of the networks (default ${DEFAULT-VALUE}).")
    String widths;

    @Option(names = "--seeds", defaultValue = "20", description = "Training runs (seeds) per width (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--epochs", defaultValue = "20", description = "Epochs per training run (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--train", defaultValue = "2000", description = "Training examples of the task (default ${DEFAULT-VALUE}).")
    int train;

    @Option(names = "--no-networks", description = "Only the spin-glass half.")
    boolean noNetworks;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the instances, starts, task and networks (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--no-progress", description = "No progress bar on stderr.")
    boolean noProgress;

    @Mixin
    OutputOptions output;

    static final int DIM = 10;
    @Option(names = "--classes", defaultValue = "10", description = "Classes of the teacher task (default ${DEFAULT-VALUE}).")
    int classes;
    static final int TEST = 2000;
    static final int BATCH = 50;

    record NetStudy(int width, double[] losses, double[] accuracies, int diverged, double mean, double std, double iqr) {}

    @Override
    public Integer call() {
        int[] ls = TensorCommand.ints("--sizes", sizes, 2);
        if (starts < 2) throw new UserException("--starts must be >= 2 (a spread needs two minima), got " + starts);
        if (maxIterations < 1) throw new UserException("--max-iterations must be >= 1, got " + maxIterations);
        if (!(tol > 0) || Double.isInfinite(tol)) throw new UserException("--tol must be finite and > 0, got " + tol);
        if (order < 2 || order > 6) throw new UserException("--order must be in [2, 6], got " + order);
        int[] ws = noNetworks ? new int[0] : TensorCommand.ints("--widths", widths, 1);
        if (!noNetworks && (seeds < 2 || epochs < 1 || train < 1 || classes < 2)) {
            throw new UserException("--seeds and --classes must be >= 2, --epochs and --train >= 1");
        }
        for (int l : ls) {
            if (Math.pow(l, order) > (1L << 27)) throw new UserException("--sizes " + l + ": Lambda^H = " + (long) Math.pow(l, order) + " couplings is above 2^27");
        }
        SpinGlass.Options o = new SpinGlass.Options(maxIterations, tol, 0.1);
        List<SpinGlass.Study> glass = new ArrayList<>();
        List<NetStudy> nets = new ArrayList<>();
        long total = (long) ls.length * starts + (long) ws.length * seeds;
        Progress bar = noProgress ? null : new Progress("spin-glass", total);
        long[] done = {0};
        try {
            for (int l : ls) {
                SpinGlass g = TensorCommand.user("--sizes " + l, () -> SpinGlass.random(l, order, seed + l));
                long base = done[0];
                glass.add(g.minima(starts, seed + 7919L * l, o, bar == null ? null : s -> bar.update(base + s, "Lambda=" + l)));
                done[0] = base + starts;
            }
            if (ws.length > 0) {
                SpinGlassNetworks.Task task = SpinGlassNetworks.teacherTask(DIM, classes, train, TEST, seed);
                for (int w : ws) {
                    double[] loss = new double[seeds], acc = new double[seeds];
                    int diverged = 0, k = 0;
                    for (int s = 0; s < seeds; s++) {
                        SpinGlassNetworks.Run r = SpinGlassNetworks.train(task, w, seed + 1_000_003L * w + s, epochs, BATCH);
                        if (r.finite()) {
                            loss[k] = r.testLoss();
                            acc[k++] = r.testAccuracy();
                        } else {
                            diverged++;
                        }
                        if (bar != null) bar.update(++done[0], "width=" + w);
                    }
                    double[] l = Arrays.copyOf(loss, k), a = Arrays.copyOf(acc, k);
                    nets.add(new NetStudy(w, l, a, diverged, k > 0 ? SpinGlass.mean(l) : Double.NaN, SpinGlass.std(l), k > 0 ? SpinGlass.iqr(l) : Double.NaN));
                }
            }
        } finally {
            if (bar != null) bar.close();
        }
        ObjectNode json = json(glass, nets);
        if (output.json) System.out.print(Json.write(json));
        else print(glass, nets);
        if (output.out != null) {
            java.nio.file.Path index = report(json, glass, nets).writeTo(output.out);
            if (!output.json) System.out.println("report: " + index);
        }
        return 0;
    }

    private ObjectNode json(List<SpinGlass.Study> glass, List<NetStudy> nets) {
        ObjectNode json = Json.object();
        json.put("command", "tensor spin-glass").put("order", order).put("starts", starts).put("seed", seed).put("tolerance", tol);
        ArrayNode g = json.putArray("spinGlass");
        for (SpinGlass.Study s : glass) {
            ObjectNode o = g.addObject();
            o.put("lambda", s.lambda()).put("converged", s.converged());
            Json.putNumber(o, "mean", s.mean());
            Json.putNumber(o, "std", s.std());
            Json.putNumber(o, "iqr", s.iqr());
            ArrayNode v = o.putArray("minima");
            for (double x : s.values()) v.add(x);
        }
        ArrayNode n = json.putArray("networks");
        for (NetStudy s : nets) {
            ObjectNode o = n.addObject();
            o.put("width", s.width()).put("runs", s.losses().length).put("diverged", s.diverged());
            Json.putNumber(o, "mean", s.mean());
            Json.putNumber(o, "std", s.std());
            Json.putNumber(o, "iqr", s.iqr());
            ArrayNode v = o.putArray("testLosses"), a = o.putArray("testAccuracies");
            for (double x : s.losses()) v.add(x);
            for (double x : s.accuracies()) a.add(x);
        }
        if (!nets.isEmpty()) {
            json.putObject("task").put("dim", DIM).put("classes", classes).put("train", train).put("test", TEST).put("epochs", epochs).put("batch", BATCH)
                    .put("optimizer", "Adam lr 0.01, cosine decay").put("seeds", seeds);
        }
        return json;
    }

    private void print(List<SpinGlass.Study> glass, List<NetStudy> nets) {
        System.out.printf(Locale.ROOT, "Spherical %d-spin glass: minima H(w*)/Lambda from %d random starts per size (seed %d)%n", order, starts, seed);
        System.out.printf("%8s %10s %10s %10s %10s %10s %10s%n", "Lambda", "mean", "std", "IQR", "min", "max", "converged");
        for (SpinGlass.Study s : glass) {
            double[] v = s.values();
            System.out.printf(Locale.ROOT, "%8d %10.4f %10.4f %10.4f %10.4f %10.4f %7d/%d%n", s.lambda(), s.mean(), s.std(), s.iqr(),
                    Arrays.stream(v).min().orElse(Double.NaN), Arrays.stream(v).max().orElse(Double.NaN), s.converged(), v.length);
        }
        if (nets.isEmpty()) return;
        System.out.printf(Locale.ROOT, "%nOne-hidden-layer ReLU networks: test cross-entropy after %d epochs, %d seeds per width%n", epochs, seeds);
        System.out.printf(Locale.ROOT, "(task: %d-D Gaussian inputs, %d classes from a random ReLU teacher, %d train / %d test, Adam 0.01 cosine, batch %d)%n",
                DIM, classes, train, TEST, BATCH);
        System.out.printf("%8s %10s %10s %10s %10s %10s %10s%n", "width", "mean", "std", "IQR", "min", "max", "accuracy");
        for (NetStudy s : nets) {
            System.out.printf(Locale.ROOT, "%8d %10.4f %10.4f %10.4f %10.4f %10.4f %10.4f%s%n", s.width(), s.mean(), s.std(), s.iqr(),
                    Arrays.stream(s.losses()).min().orElse(Double.NaN), Arrays.stream(s.losses()).max().orElse(Double.NaN),
                    Arrays.stream(s.accuracies()).average().orElse(Double.NaN), s.diverged() > 0 ? "  (" + s.diverged() + " diverged, excluded)" : "");
        }
    }

    private Report report(ObjectNode json, List<SpinGlass.Study> glass, List<NetStudy> nets) {
        Report rep = new Report("lipschitz tensor spin-glass", json).summary("order H", Integer.toString(order))
                .summary("starts per size", Integer.toString(starts)).summary("seed", Long.toString(seed));
        StringBuilder csv = new StringBuilder("lambda,start,minimum\n");
        Map<String, double[]> boxes = new LinkedHashMap<>();
        double[] lx = new double[glass.size()], lstd = new double[glass.size()];
        for (int i = 0; i < glass.size(); i++) {
            SpinGlass.Study s = glass.get(i);
            double[] v = s.values();
            for (int k = 0; k < v.length; k++) csv.append(s.lambda()).append(',').append(k).append(',').append(v[k]).append('\n');
            boxes.put("Lambda=" + s.lambda(), v);
            lx[i] = s.lambda();
            lstd[i] = s.std();
            rep.summary("Lambda = " + s.lambda(), String.format(Locale.ROOT, "mean %.4f, std %.4f, IQR %.4f (%d/%d converged)", s.mean(), s.std(), s.iqr(),
                    s.converged(), v.length));
        }
        rep.csv("spin_glass_minima.csv", csv.toString());
        rep.png("spin_glass_minima.png", "Minima H(w*)/Lambda found by gradient descent from random starts, per size Lambda",
                TensorCharts.box("Spin-glass minima per size", "H(w*)/Lambda", boxes));
        Map<String, TensorCharts.Series> spread = new LinkedHashMap<>();
        spread.put("spin glass: std of minima", TensorCharts.Series.line(lx, lstd));
        if (!nets.isEmpty()) {
            StringBuilder ncsv = new StringBuilder("width,seed,test_loss,test_accuracy\n");
            Map<String, double[]> nb = new LinkedHashMap<>();
            double[] wx = new double[nets.size()], wstd = new double[nets.size()];
            for (int i = 0; i < nets.size(); i++) {
                NetStudy s = nets.get(i);
                for (int k = 0; k < s.losses().length; k++) {
                    ncsv.append(s.width()).append(',').append(k).append(',').append(s.losses()[k]).append(',').append(s.accuracies()[k]).append('\n');
                }
                nb.put("width=" + s.width(), s.losses());
                wx[i] = s.width();
                wstd[i] = s.std();
                rep.summary("width " + s.width(), String.format(Locale.ROOT, "test loss mean %.4f, std %.4f, IQR %.4f", s.mean(), s.std(), s.iqr()));
            }
            rep.csv("network_losses.csv", ncsv.toString());
            rep.png("network_losses.png", "Test losses of one-hidden-layer networks trained from different seeds, per width",
                    TensorCharts.box("Test loss per width", "test cross-entropy", nb));
            spread.put("networks: std of test losses (x = width)", TensorCharts.Series.line(wx, wstd));
        }
        rep.png("spread.png", "Spread (standard deviation) against size: Lambda for the spin glass, hidden width for the networks",
                TensorCharts.xy("Spread vs size", "size (Lambda or width)", "standard deviation", spread, true, true));
        return rep;
    }
}
