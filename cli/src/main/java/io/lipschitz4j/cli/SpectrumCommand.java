package io.lipschitz4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lipschitz4j.linalg.Backend;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.Sandwich;
import io.lipschitz4j.spectral.conv.CertifiedConvNorm;
import io.lipschitz4j.spectral.conv.ConvBounds;
import io.lipschitz4j.spectral.conv.ConvSpectrum;
import io.lipschitz4j.spectral.conv.Convolution;
import io.lipschitz4j.spectral.conv.Padding;
import io.lipschitz4j.spectral.conv.SedghiSpectrum;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lipschitz spectrum}: singular values and σ_max bounds of a convolution layer. */
@Command(name = "spectrum", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Singular values of a convolution layer and bounds on its spectral norm σ_max",
            "(its Lipschitz constant). The kernel is [out, in/groups, kH, kW] (or [out, in/groups, k]",
            "for 1-D), as PyTorch and ONNX store it.",
            "",
            "Methods (--method):",
            "  exact         all singular values, FFT per Sedghi et al. (2019) — circular padding",
            "  certified     certified [LOWER, UPPER] on σ_max, within 1e-6 (per-frequency Cholesky",
            "                certificates; zero padding through a circular cover on a larger grid)",
            "  gram          Gram iteration on the per-frequency matrices (Delattre et al. 2023): UPPER",
            "  singla-feizi  four reshapes × √(k₁k₂) (Singla & Feizi 2021): certified UPPER",
            "  miyato        the [out, in·k·k] reshape norm (Miyato et al. 2018): ESTIMATE only",
            "  power         power iteration on the operator: certified LOWER",
            "  spatial-gram  Gram iteration on the kernel (Delattre et al. 2024): zero padding",
            "  bounds        every bound that applies",
            "The default is exact for circular padding and bounds otherwise.",
            "",
            "Examples:",
            "  lipschitz spectrum examples/conv3x3.npy --input 32x32 --out report",
            "  lipschitz spectrum examples/conv3x3.npy --input 28x28 --padding zero --stride 2 --method bounds"})
final class SpectrumCommand implements Callable<Integer> {
    @Parameters(paramLabel = "KERNEL", description = "Kernel in a .npy or .npz file.")
    Path file;

    @Option(names = "--key", paramLabel = "NAME", description = "Array name inside an .npz archive.")
    String key;

    @Option(names = "--input", required = true, paramLabel = "HxW", description = "Spatial input size, e.g. 32x32 (or N for 1-D).")
    String input;

    @Option(names = "--padding", defaultValue = "circular", paramLabel = "circular|zero", description = "Boundary (default ${DEFAULT-VALUE}).")
    String padding;

    @Option(names = "--pad", paramLabel = "P|PxQ", description = "Zero-padding amount per side (default (k−1)/2·dilation, 'same').")
    String pad;

    @Option(names = "--stride", paramLabel = "S|SxT", description = "Stride (default 1).")
    String stride;

    @Option(names = "--dilation", paramLabel = "D|DxE", description = "Dilation (default 1).")
    String dilation;

    @Option(names = "--groups", defaultValue = "1", description = "Groups (default ${DEFAULT-VALUE}); in and out channels split into blocks.")
    int groups;

    @Option(names = "--method", paramLabel = "NAME", description = "See the list above.")
    String method;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the power iteration (default ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        Tensor kernel = Inputs.load(file, key, 3, 4);
        Padding pd = switch (padding.toLowerCase(Locale.ROOT)) {
            case "circular", "circ", "periodic" -> Padding.CIRCULAR;
            case "zero", "zeros" -> Padding.ZERO;
            default -> throw new UserException("--padding: expected circular or zero, got '" + padding + "'");
        };
        Convolution conv = Geometry.of(file, kernel, input, pd, pad, stride, dilation, groups);
        String m = method != null ? method.toLowerCase(Locale.ROOT) : pd == Padding.CIRCULAR ? "exact" : "bounds";
        ConvSpectrum spectrum = null;
        List<Bound> bounds = new ArrayList<>();
        switch (m) {
            case "exact" -> {
                if (pd != Padding.CIRCULAR) {
                    throw new UserException("--method exact needs --padding circular (zero padding has no FFT-exact form); use --method bounds");
                }
                spectrum = SedghiSpectrum.compute(conv);
                bounds.add(spectrum.sigmaMax());
            }
            case "certified" -> {
                Sandwich sw = CertifiedConvNorm.sandwich(conv);
                bounds.add(sw.upper());
                bounds.add(sw.lower());
            }
            case "gram" -> bounds.add(ConvBounds.gramPerFrequency(conv, 8));
            case "singla-feizi" -> bounds.add(ConvBounds.singlaFeizi(conv));
            case "miyato" -> bounds.add(ConvBounds.miyato(conv));
            case "power" -> bounds.add(ConvBounds.powerIteration(conv, seed, 1e-8, 500));
            case "spatial-gram" -> bounds.add(ConvBounds.spatialGram(conv, 5));
            case "bounds" -> bounds.addAll(allBounds(conv));
            default -> throw new UserException("--method: unknown '" + method + "', expected exact, certified, gram, singla-feizi, miyato, power, spatial-gram or bounds");
        }
        ObjectNode json = Json.object();
        json.put("kernel", file.toString());
        json.putArray("kernelShape").addAll(Arrays.stream(kernel.shape()).mapToObj(i -> Json.MAPPER.getNodeFactory().numberNode(i)).toList());
        json.put("layer", Geometry.describe(conv));
        json.put("blas", Backend.describe());
        ArrayNode arr = json.putArray("bounds");
        bounds.forEach(b -> arr.add(Json.bound(b)));
        if (spectrum != null) {
            json.put("singularValueCount", spectrum.values().length);
            json.put("frequencyGrid", spectrum.grid1() + "x" + spectrum.grid2());
        }
        if (output.json) {
            ObjectNode printed = json.deepCopy();
            if (spectrum != null) {
                ArrayNode sv = printed.putArray("singularValues");
                for (double v : spectrum.values()) sv.add(v);
            }
            System.out.print(Json.write(printed));
        } else {
            System.out.println(file + ": " + Geometry.describe(conv));
            for (Bound b : bounds) System.out.println(Formats.bound("σ_max", b));
            if (spectrum != null) printSummary(spectrum.values());
            System.out.println("BLAS: " + Backend.describe());
        }
        if (output.out != null) writeReport(conv, json, bounds, spectrum);
        return 0;
    }

    private List<Bound> allBounds(Convolution conv) {
        List<Bound> l = new ArrayList<>();
        if (conv.padding() == Padding.CIRCULAR) l.add(SedghiSpectrum.compute(conv).sigmaMax());
        l.add(CertifiedConvNorm.certifiedSigmaMax(conv));
        l.add(ConvBounds.gramPerFrequency(conv, 8));
        l.add(ConvBounds.singlaFeizi(conv));
        if (conv.padding() == Padding.ZERO) l.add(ConvBounds.spatialGram(conv, 5));
        l.add(ConvBounds.powerIteration(conv, seed, 1e-8, 500));
        l.add(ConvBounds.miyato(conv));
        return l;
    }

    private static void printSummary(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        if (n == 0) return;
        System.out.printf("singular values: %d  (min %.6g, median %.6g, max %.6g)%n", n, s[0], s[n / 2], s[n - 1]);
    }

    private void writeReport(Convolution conv, ObjectNode json, List<Bound> bounds, ConvSpectrum spectrum) {
        Report r = new Report("lipschitz spectrum: " + file.getFileName(), json).summary("kernel", file.toString())
                .summary("layer", Geometry.describe(conv)).summary("BLAS", Backend.describe());
        for (Bound b : bounds) r.summary("σ_max · " + b.method(), String.format("%.12g (%s)", b.value(), b.kind()));
        if (spectrum != null) {
            double[] sorted = spectrum.values().clone();
            Arrays.sort(sorted);
            StringBuilder csv = new StringBuilder("rank,singular_value\n");
            for (int i = sorted.length - 1, rank = 1; i >= 0; i--, rank++) csv.append(rank).append(',').append(sorted[i]).append('\n');
            r.csv("spectrum.csv", csv.toString());
            StringBuilder fcsv = new StringBuilder("frequency_index,f1,f2,sigma_max\n");
            double[] pf = spectrum.perFrequencyMax();
            for (int i = 0; i < pf.length; i++) {
                fcsv.append(i).append(',').append(i / spectrum.grid2()).append(',').append(i % spectrum.grid2()).append(',').append(pf[i]).append('\n');
            }
            r.csv("sigma_max_per_frequency.csv", fcsv.toString());
            r.summary("singular values", sorted.length + " (see spectrum.csv)");
            r.png("singular_values.png", "Histogram of all singular values", Charts.histogram("Singular values of " + file.getFileName(), "σ", sorted, 60));
            r.png("sigma_max_per_frequency.png", "σ_max per frequency (row-major over the " + spectrum.grid1() + "x" + spectrum.grid2() + " grid)",
                    Charts.line("σ_max per frequency", "frequency index f1·" + spectrum.grid2() + " + f2", "σ_max", pf));
        }
        Path index = r.writeTo(output.out);
        if (!output.json) System.out.println("report: " + index);
    }
}
