package io.lipschitz4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lipschitz4j.certify.CertifiedRadius;
import io.lipschitz4j.certify.CertifyOptions;
import io.lipschitz4j.certify.GraphBound;
import io.lipschitz4j.certify.InputBox;
import io.lipschitz4j.certify.JacobianLowerBound;
import io.lipschitz4j.certify.NetworkBound;
import io.lipschitz4j.certify.NodeBound;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.Layer;
import io.lipschitz4j.nn.Precision;
import io.lipschitz4j.nn.data.InputFiles;
import io.lipschitz4j.nn.eval.Pgd;
import java.io.IOException;
import java.nio.file.Path;
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
import picocli.CommandLine.Parameters;

/** {@code lipschitz certify}: certified Lipschitz bound of a whole network, a lower bound, and certified radii. */
@Command(name = "certify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Certifies a trained network: for every node of its graph a certified ℓ₂ Lipschitz constant",
            "(conv layers with their real input size, padding and stride; BatchNorm folded into the conv",
            "before it; exact constants for activations), combined over the graph into a certified UPPER",
            "bound L of the whole network; a LOWER bound from the largest local Jacobian norm and",
            "difference quotient found by search, so [lower, upper] brackets the true constant; and, with",
            "--data, the certified radius of every input (the larger of margin/(√2·L) and the per-logit-",
            "pair form min_j (z_y − z_j)/L_yj) and the certified accuracy at each ℓ₂ radius. A PGD attack",
            "on --attack-samples inputs checks that no certified input is broken (that would exit 2).",
            "",
            "MODEL: an .onnx file (as torch.onnx.export writes it), a directory written by",
            "'lipschitz train', or an architecture .json with --weights (.safetensors, .npz or a",
            "directory of PARAMETER.npy). A final Softmax is dropped: the logits decide the class.",
            "DATA: .npz (x and y), .npy, IDX images (labels from the sibling file), a PNG file, a",
            "directory of PNGs or of class directories of PNGs (pixels scaled to [0,1]).",
            "",
            "Examples:",
            "  lipschitz certify examples/fmnist-cnn.onnx --data examples/fmnist-test-256.npz --out report",
            "  lipschitz certify runs/cnn --data /usr/share/datasets/fashion-mnist",
            "  lipschitz certify arch.json --weights weights.npz --input-shape 1,28,28 --json"})
final class CertifyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", description = "Model file or directory (see above).")
    Path model;

    @Option(names = "--weights", paramLabel = "FILE", description = "Weights for an architecture .json (.safetensors, .npz, or a directory of .npy).")
    Path weights;

    @Option(names = "--input-shape", paramLabel = "C,H,W", split = ",", description = "One sample's shape, when the model file does not fix it.")
    int[] inputShape;

    @Option(names = "--data", paramLabel = "FILE|DIR", description = "Inputs (and labels) to certify.")
    Path data;

    @Option(names = "--limit", defaultValue = "10000", description = "Certify at most this many inputs (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--box", paramLabel = "LO,HI", split = ",", defaultValue = "0,1",
            description = "Input box [LO,HI]^d for the lower-bound search and for products of two varying values (default ${DEFAULT-VALUE}).")
    double[] box;

    @Option(names = "--radii", split = ",", defaultValue = "0.1,0.25,0.5,1.0", description = "ℓ₂ radii for certified accuracy (default ${DEFAULT-VALUE}).")
    double[] radii;

    @Option(names = "--conv-tolerance", defaultValue = "1e-3",
            description = "Relative tolerance of the conv certificates, in [1e-9, 0.5] (default ${DEFAULT-VALUE}): each conv's certified bound "
                    + "exceeds its exact norm (circular cover) by at most about this much; looser is faster on wide layers.")
    double convTolerance;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
            description = "Layers bounded at a time, each on its own thread with single-threaded BLAS (default ${DEFAULT-VALUE}); "
                    + "the bound is the same for any N. On a 2-core machine 2 makes ResNet-18 about 1.6× faster.")
    int threads;

    @Option(names = "--lower-samples", defaultValue = "32", description = "Random points for the lower-bound search (default ${DEFAULT-VALUE}).")
    int lowerSamples;

    @Option(names = "--attack-samples", defaultValue = "100", description = "Inputs attacked with ℓ₂ PGD to cross-check the radii (0: none; default ${DEFAULT-VALUE}).")
    int attackSamples;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the lower-bound search and the attack (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--no-progress", description = "No progress bar on stderr.")
    boolean noProgress;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws IOException {
        if (box.length != 2 || !(box[0] < box[1])) throw new UserException("--box: expected LO,HI with LO < HI, got " + Arrays.toString(box));
        if (threads > 256) throw new UserException("--threads must be in [1, 256], got " + threads);
        CertifyOptions options;
        try { // the options check their own ranges; here, before the model loads
            options = CertifyOptions.defaults().withConvTolerance(convTolerance).withBox(InputBox.uniform(box[0], box[1])).withThreads(threads);
        } catch (IllegalArgumentException e) {
            throw new UserException("--conv-tolerance / --threads: " + e.getMessage());
        }
        if (limit < 1 || lowerSamples < 1 || attackSamples < 0) throw new UserException("--limit and --lower-samples must be >= 1, --attack-samples >= 0");
        for (double e : radii) if (!(e > 0)) throw new UserException("--radii must be positive, got " + e);
        ModelSource src = ModelSource.load(model, weights, inputShape);
        Layer net = src.network();
        int[] shape = src.inputShape();
        InputFiles in = data == null ? null : InputFiles.load(data, shape);
        Tensor x = in == null ? null : first(in.x(), limit);
        int[] labels = in == null || in.labels() == null ? null : Arrays.copyOf(in.labels(), x.dim(0));

        Precision old = Precision.set(Precision.FLOAT64);
        try {
            long t0 = System.nanoTime();
            NetworkBound bound;
            try (Progress p = noProgress || output.json ? null : new Progress("bounding nodes", 1)) {
                GraphBound.Progress cb = p == null ? null : (done, total, name) -> {
                    p.update(done, name);
                };
                try {
                    bound = GraphBound.of(net, shape, options, cb);
                } catch (IllegalArgumentException e) {
                    throw new UserException(model + ": " + e.getMessage());
                }
            }
            double boundSeconds = (System.nanoTime() - t0) / 1e9;
            JacobianLowerBound.Result lower = JacobianLowerBound.of(net, shape, options.box(), x == null ? null : first(x, 32), lowerSamples, 20, seed);
            List<CertifiedRadius.Radius> radiiResult = null;
            int violations = 0, attacked = 0, flipped = 0;
            double[] certAcc = null;
            if (x != null) {
                int[] ys = labels;
                if (ys == null) {
                    Tensor logits = forward(net, x);
                    if (logits.rank() != 2) throw new UserException(model + ": network output has shape " + Arrays.toString(logits.shape()) + "; radii need [batch, classes] logits");
                    ys = argmax(logits);
                }
                try {
                    radiiResult = CertifiedRadius.radii(net, shape, x, ys, bound, options);
                } catch (IllegalArgumentException e) {
                    throw new UserException(data + ": " + e.getMessage()); // e.g. a label the network has no output for
                }
                certAcc = CertifiedRadius.curve(radiiResult, radii).stream().mapToDouble(CertifiedRadius.CurvePoint::certifiedAccuracy).toArray();
                if (attackSamples > 0 && bound.finite()) {
                    List<Integer> idx = new ArrayList<>();
                    for (int i = 0; i < x.dim(0) && idx.size() < attackSamples; i++) if (radiiResult.get(i).correct()) idx.add(i);
                    if (!idx.isEmpty()) {
                        Tensor xs = gather(x, idx);
                        int[] labelsOf = ys;
                        int[] yy = idx.stream().mapToInt(i -> labelsOf[i]).toArray();
                        for (double eps : radii) {
                            boolean[] broken = new Pgd(50, 0.1, seed).attack(net, xs, yy, eps);
                            for (int t = 0; t < idx.size(); t++) {
                                attacked++;
                                if (!broken[t]) continue;
                                if (radiiResult.get(idx.get(t)).radius() >= eps) violations++;
                                else flipped++;
                            }
                        }
                    }
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            report(src, bound, boundSeconds, lower, in, x, radiiResult, certAcc, attacked, flipped, violations, seconds);
            if (violations > 0) {
                System.err.println("lipschitz: internal error: PGD broke " + violations + " certified inputs — a certified bound does not hold");
                return 2;
            }
            return 0;
        } finally {
            Precision.set(old);
        }
    }

    private void report(ModelSource src, NetworkBound bound, double boundSeconds, JacobianLowerBound.Result lower, InputFiles in, Tensor x,
                        List<CertifiedRadius.Radius> r, double[] certAcc, int attacked, int flipped, int violations, double seconds) {
        ObjectNode json = Json.object();
        json.put("command", "certify").put("model", model.toString()).put("format", src.format()).put("dropped_softmax", src.droppedSoftmax());
        json.putArray("input_shape").addAll(Arrays.stream(src.inputShape()).mapToObj(i -> Json.MAPPER.getNodeFactory().numberNode(i)).toList());
        json.put("box", Arrays.toString(box));
        ObjectNode up = json.putObject("upper");
        Json.putNumber(up, "value", bound.value());
        up.put("kind", bound.kind().name()).put("seconds", boundSeconds);
        ObjectNode lo = json.putObject("lower");
        Json.putNumber(lo, "value", lower.value());
        lo.put("kind", lower.kind().name()).put("margin", lower.margin()).put("jacobians", lower.samples()).put("seconds", lower.seconds());
        Json.putNumber(lo, "jacobian_norm_estimate", lower.jacobianNorm());
        Json.putNumber(json, "ratio", lower.ratioTo(bound.value()));
        ArrayNode nodes = json.putArray("nodes");
        List<List<String>> rows = new ArrayList<>();
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "  %-28s %-44s %-14s %-7s %12s %12s %8s%n",
                "node", "op", "output", "kind", "local L", "cumulative", "time"));
        List<String> names = new ArrayList<>();
        double[] locals = new double[bound.nodes().size()];
        for (int i = 0; i < bound.nodes().size(); i++) {
            NodeBound n = bound.nodes().get(i);
            double local = Arrays.stream(n.local()).max().orElse(1.0);
            locals[i] = local;
            names.add(n.name());
            ObjectNode o = nodes.addObject().put("name", n.name()).put("op", n.op()).put("method", n.method()).put("kind", n.kind().name());
            o.putArray("inputs").addAll(n.inputs().stream().map(s -> Json.MAPPER.getNodeFactory().textNode(s)).toList());
            o.put("output_shape", Arrays.toString(n.outputShape()));
            ArrayNode l = o.putArray("local");
            for (double v : n.local()) if (Double.isFinite(v)) l.add(v); else l.addNull();
            Json.putNumber(o, "cumulative", n.cumulative());
            Json.putNumber(o, "error_term", n.errorTerm());
            o.put("seconds", n.seconds()).put("loose", n.loose());
            o.putArray("notes").addAll(n.notes().stream().map(s -> Json.MAPPER.getNodeFactory().textNode(s)).toList());
            String lt = n.unbounded() ? "∞" : fmt(local);
            table.append(String.format(Locale.ROOT, "  %-28s %-44s %-14s %-7s %12s %12s %7.3fs%s%n", clip(n.name(), 28), clip(n.op(), 44),
                    Arrays.toString(n.outputShape()), n.kind(), lt, fmt(n.cumulative()), n.seconds(), n.loose() ? "  loose" : ""));
            rows.add(List.of(n.name(), n.op(), Arrays.toString(n.outputShape()), n.method(), n.kind().name(), lt, fmt(n.cumulative()),
                    String.format(Locale.ROOT, "%.3f", n.seconds()), n.loose() ? "loose: " + String.join("; ", n.notes()) : String.join("; ", n.notes())));
        }
        json.putArray("merges").addAll(bound.merges().stream().map(s -> Json.MAPPER.getNodeFactory().textNode(s)).toList());
        json.putArray("notes").addAll(bound.notes().stream().map(s -> Json.MAPPER.getNodeFactory().textNode(s)).toList());
        StringBuilder radiiText = new StringBuilder();
        if (r != null) {
            ObjectNode d = json.putObject("data");
            d.put("source", in.source()).put("inputs", x.dim(0)).put("labelled", in.labels() != null);
            Json.putNumber(d, "accuracy", accuracy(r));
            ArrayNode acc = d.putArray("certified_accuracy");
            for (int i = 0; i < radii.length; i++) {
                acc.addObject().put("eps", radii[i]).put("certified_accuracy", certAcc[i]);
                radiiText.append(String.format(Locale.ROOT, "  ε = %-5s certified %s %.4f%n", radii[i], in.labels() != null ? "accuracy" : "(prediction kept)", certAcc[i]));
            }
            d.put("median_radius", median(radiusValues(r)));
            d.put("attacked", attacked).put("flipped_by_pgd", flipped).put("violations", violations);
            ArrayNode per = d.putArray("radius");
            for (CertifiedRadius.Radius v : r) per.add(v.radius());
        }
        json.put("seconds", seconds);

        if (output.json) {
            System.out.print(Json.write(json));
        } else {
            System.out.printf(Locale.ROOT, "%s (%s, input %s%s)%n", model, src.format(), Arrays.toString(src.inputShape()),
                    src.droppedSoftmax() ? ", final Softmax dropped" : "");
            System.out.print(table);
            for (String m : bound.merges()) System.out.println("  merged: " + m);
            for (String note : bound.notes()) System.out.println("  note: " + note);
            System.out.printf(Locale.ROOT, "Lipschitz constant ∈ [%s (LOWER), %s (%s)]   ratio %s   (%.1f s)%n", fmt(lower.value()), fmt(bound.value()),
                    bound.kind(), fmt(lower.ratioTo(bound.value())), seconds);
            if (r != null) {
                System.out.printf(Locale.ROOT, "%s: %d inputs, accuracy %.4f, median certified radius %s%n", in.source(), x.dim(0), accuracy(r), fmt(median(radiusValues(r))));
                System.out.print(radiiText);
                if (attacked > 0) System.out.printf(Locale.ROOT, "  PGD cross-check: %d attacks, %d flipped uncertified inputs, %d certified broken%n", attacked, flipped, violations);
            }
        }
        if (output.out != null) {
            Report rep = new Report("lipschitz certify: " + model.getFileName(), json)
                    .summary("model", model + " (" + src.format() + ")")
                    .summary("input shape", Arrays.toString(src.inputShape()))
                    .summary("certified upper bound", fmt(bound.value()) + " (" + bound.kind() + ")")
                    .summary("lower bound", fmt(lower.value()) + " (" + lower.kind() + ", " + lower.margin() + ")")
                    .summary("upper / lower", fmt(lower.ratioTo(bound.value())))
                    .summary("time", String.format(Locale.ROOT, "%.2f s", seconds));
            if (r != null) {
                rep.summary("data", in.source() + " (" + x.dim(0) + " inputs)").summary("accuracy", String.format(Locale.ROOT, "%.4f", accuracy(r)));
                for (int i = 0; i < radii.length; i++) rep.summary("certified accuracy, ε = " + radii[i], String.format(Locale.ROOT, "%.4f", certAcc[i]));
            }
            rep.table("Per node", List.of("node", "op", "output", "method", "kind", "local L", "cumulative L", "seconds", "notes"), rows);
            rep.png("layer_bounds.png", "Certified local Lipschitz constant per node (log scale)",
                    Charts.bars("Per-node Lipschitz bounds", "local L (UPPER)", names, Map.of("local", locals), true));
            Map<String, double[]> sandwich = new LinkedHashMap<>();
            sandwich.put("lower (LOWER)", new double[] {lower.value()});
            sandwich.put("upper (" + bound.kind() + ")", new double[] {bound.value()});
            rep.png("sandwich.png", "The network's Lipschitz constant lies between the bars",
                    Charts.bars("Lipschitz constant: lower and upper bound", "L", List.of("network"), sandwich, true));
            if (r != null) {
                double maxR = Math.max(Arrays.stream(radii).max().orElse(1), Arrays.stream(radiusValues(r)).max().orElse(0));
                double[] eps = new double[101];
                for (int i = 0; i < eps.length; i++) eps[i] = maxR * i / 100;
                rep.png("certified_accuracy.png", "Certified accuracy against the ℓ₂ radius ε",
                        Charts.curves("Certified accuracy", "ε (ℓ₂)", "certified accuracy", "0.##", eps, Map.of("certified", CertifiedRadius.curve(r, eps).stream().mapToDouble(CertifiedRadius.CurvePoint::certifiedAccuracy).toArray())));
                StringBuilder csv = new StringBuilder("index,label,predicted,margin,global_radius,pair_radius,radius\n");
                for (CertifiedRadius.Radius v : r) {
                    csv.append(v.index()).append(',').append(v.label()).append(',').append(v.predicted()).append(',').append(v.margin())
                            .append(',').append(v.globalRadius()).append(',').append(v.pairRadius()).append(',').append(v.radius()).append('\n');
                }
                rep.csv("radii.csv", csv.toString());
            }
            rep.csv("nodes.txt", table.toString());
            Path index = rep.writeTo(output.out);
            if (!output.json) System.out.println("report: " + index);
        }
    }

    private static Tensor forward(Layer net, Tensor x) {
        int n = x.dim(0), d = x.size() / n, batch = 256;
        Tensor out = null;
        double[] all = null;
        for (int from = 0; from < n; from += batch) {
            int m = Math.min(batch, n - from);
            int[] s = x.shape();
            s[0] = m;
            Tensor z = net.forward(new Tensor(s, Arrays.copyOfRange(x.data(), from * d, (from + m) * d)));
            if (all == null) {
                int[] zs = z.shape();
                zs[0] = n;
                out = new Tensor(zs, all = new double[n * (z.size() / m)]);
            }
            System.arraycopy(z.data(), 0, all, from * (z.size() / m), z.size());
        }
        return out;
    }

    private static int[] argmax(Tensor logits) {
        int n = logits.dim(0), k = logits.dim(1);
        int[] out = new int[n];
        for (int s = 0; s < n; s++) for (int j = 1; j < k; j++) if (logits.data()[s * k + j] > logits.data()[s * k + out[s]]) out[s] = j;
        return out;
    }

    private static double[] radiusValues(List<CertifiedRadius.Radius> r) {
        return r.stream().mapToDouble(CertifiedRadius.Radius::radius).toArray();
    }

    private static double accuracy(List<CertifiedRadius.Radius> r) {
        return r.isEmpty() ? 0 : (double) r.stream().filter(CertifiedRadius.Radius::correct).count() / r.size();
    }

    private static Tensor first(Tensor x, int n) {
        if (x.dim(0) <= n) return x;
        int[] s = x.shape();
        int d = x.size() / s[0];
        s[0] = n;
        return new Tensor(s, Arrays.copyOf(x.data(), n * d));
    }

    private static Tensor gather(Tensor x, List<Integer> idx) {
        int d = x.size() / x.dim(0);
        int[] s = x.shape();
        s[0] = idx.size();
        double[] out = new double[idx.size() * d];
        for (int t = 0; t < idx.size(); t++) System.arraycopy(x.data(), idx.get(t) * d, out, t * d, d);
        return new Tensor(s, out);
    }

    private static double median(double[] v) {
        if (v.length == 0) return 0;
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static String fmt(double v) {
        return Double.isInfinite(v) ? "∞" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
