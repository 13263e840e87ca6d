package io.lipschitz4j.certify;

import io.lipschitz4j.io.NpyWriter;
import io.lipschitz4j.nn.Conv2d;
import io.lipschitz4j.nn.lipschitz.LayerNorms;
import io.lipschitz4j.spectral.conv.CertifiedConvNorm;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ResNet-18 (3×224×224, seed 0) certified end to end, against NumPy exact per-layer spectra in the same
 * run (certify/src/test/python/resnet_conv_exact.py, /usr/bin/python3, one BLAS thread both sides).
 * Run: {@code OPENBLAS_NUM_THREADS=1 ./mvnw -o -q -B -pl certify -am test -Dtest=Resnet18Bench
 * -Dbench.excluded=none -Dgroups=bench -Dsurefire.failIfNoSpecifiedTests=false}.
 * Checks every conv bound is ≥ the exact circular σ_max of the grid it certifies and within the
 * tolerance 1e-3 of it, or marked loose; prints a per-layer table (second run) and the time ratios of the
 * first run in the JVM (JIT compilation included) and of the second.
 */
@Tag("bench")
class Resnet18Bench {
    static final double TOL = 1e-3;

    @Test
    void certifyResnet18AgainstNumpyExactSpectra() throws Exception {
        var net = Resnet18.build(0);
        // first run in this JVM (what one `lipschitz certify` pays, JIT compilation included), then a second
        NetworkBound cold = GraphBound.of(net, Resnet18.INPUT_SHAPE, CertifyOptions.defaults().withConvTolerance(TOL));
        NetworkBound b = GraphBound.of(net, Resnet18.INPUT_SHAPE, CertifyOptions.defaults().withConvTolerance(TOL));
        assertThat(b.value()).isEqualTo(cold.value());
        // two nodes at a time (two cores, single-threaded BLAS each): the same bound, reported apart
        NetworkBound two = GraphBound.of(net, Resnet18.INPUT_SHAPE, CertifyOptions.defaults().withConvTolerance(TOL).withThreads(2));
        assertThat(two.value()).isEqualTo(b.value());
        double javaConv = 0, coldConv = 0;
        for (NodeBound n : b.nodes()) if (n.op().startsWith("Conv2d")) javaConv += n.seconds();
        for (NodeBound n : cold.nodes()) if (n.op().startsWith("Conv2d")) coldConv += n.seconds();

        // the merged (BN-folded) convolutions, exactly those the certificate bounded
        FlatNet merged = LinearChainMerger.merge(FlatNet.of(net, Resnet18.INPUT_SHAPE), 4_000_000L).net();
        Path dir = Files.createTempDirectory("resnet18-bench");
        StringBuilder spec = new StringBuilder("[");
        for (FlatNet.Node n : merged.nodes) {
            if (!(n.layer() instanceof Conv2d c)) continue;
            int[] in = merged.shape(n.inputs()[0]);
            int cover = CertifiedConvNorm.circularCover(LayerNorms.convolution(c, in[1], in[2]).conv()).inputSize()[0];
            Path k = dir.resolve(n.name() + ".npy");
            NpyWriter.write(k, c.weight());
            if (spec.length() > 1) spec.append(',');
            spec.append(String.format("{\"name\":\"%s\",\"kernel\":\"%s\",\"n\":%d,\"s\":%d,\"cover\":%d}", n.name(), k, in[1], c.spec().sH(), cover));
        }
        Path specFile = dir.resolve("spec.json");
        Files.writeString(specFile, spec.append(']').toString());
        Path script = Path.of(System.getProperty("user.dir"), "src/test/python/resnet_conv_exact.py");
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), specFile.toString()).redirectErrorStream(true).start();
        Map<String, double[]> peer = new HashMap<>();
        Pattern line = Pattern.compile("\\{\"name\": \"([^\"]+)\", \"seconds\": ([^,]+), \"sigma_n\": ([^,]+), \"sigma_cover\": ([^}]+)}");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String s; (s = r.readLine()) != null; ) {
                Matcher m = line.matcher(s);
                if (m.matches()) peer.put(m.group(1), new double[] {Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4))});
                else System.out.println("python: " + s);
            }
        }
        assertThat(p.waitFor()).isZero();

        double numpy = 0;
        Map<String, Double> first = new HashMap<>();
        for (NodeBound n : cold.nodes()) first.put(n.name(), n.seconds());
        System.out.printf("%-42s %5s %9s %9s %9s %12s %12s %10s %s%n", "layer", "n", "1st run s", "2nd run s", "numpy s", "certified", "exact(cover)", "rel gap", "loose");
        for (NodeBound n : b.nodes()) {
            double[] q = peer.get(n.name());
            if (q == null) continue;
            numpy += q[0];
            double rel = (n.local()[0] - q[2]) / q[2];
            System.out.printf("%-42s %5s %9.3f %9.3f %9.3f %12.8f %12.8f %10.2e %s%n", n.name(), n.outputShape()[1], first.get(n.name()), n.seconds(), q[0], n.local()[0], q[2], rel, n.loose());
            assertThat(n.local()[0]).as(n.name()).isGreaterThanOrEqualTo(q[2] * (1 - 1e-12));
            if (!n.loose()) assertThat(rel).as(n.name()).isLessThanOrEqualTo(TOL);
        }
        assertThat(peer).hasSize((int) b.nodes().stream().filter(n -> n.op().startsWith("Conv2d")).count());
        System.out.printf("ResNet-18 certified L = %.6g; NumPy exact spectra %.2f s%n", b.value(), numpy);
        System.out.printf("  first run:  whole network %.2f s (convs %.2f s): numpy/whole = %.2f, numpy/convs = %.2f%n",
                cold.seconds(), coldConv, numpy / cold.seconds(), numpy / coldConv);
        System.out.printf("  second run: whole network %.2f s (convs %.2f s): numpy/whole = %.2f, numpy/convs = %.2f%n",
                b.seconds(), javaConv, numpy / b.seconds(), numpy / javaConv);
        System.out.printf("  --threads 2 (two cores vs NumPy's one; not the like-for-like figure): whole network %.2f s: numpy/whole = %.2f%n",
                two.seconds(), numpy / two.seconds());
    }
}
