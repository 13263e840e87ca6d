package io.lipschitz4j.spectral.conv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lipschitz4j.linalg.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** ConvOperator against PyTorch outputs stored by {@code src/test/resources/conv/make_golden.py} (no Python at test time). */
class ConvOperatorGoldenTest {

    static Stream<String> cases() throws IOException {
        List<String> l = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                ConvOperatorGoldenTest.class.getResourceAsStream("/conv/cases.txt"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) if (!line.isBlank() && !line.startsWith("#")) l.add(line);
        }
        assertThat(l).hasSizeGreaterThanOrEqualTo(5);
        return l.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesPyTorch(String line) throws IOException {
        String[] f = line.trim().split("\\s+");
        String name = f[0];
        Padding padding = Padding.valueOf(f[1]);
        Map<String, String> kv = new TreeMap<>();
        for (int i = 2; i < f.length; i++) {
            String[] p = f[i].split("=");
            kv.put(p[0], p[1]);
        }
        Tensor k = Npy.readResource("/conv/" + name + "_kernel.npy");
        Tensor x = Npy.readResource("/conv/" + name + "_input.npy");
        Tensor y = Npy.readResource("/conv/" + name + "_output.npy");
        Convolution c = new Convolution(k, ints(kv.get("n")), padding, ints(kv.get("pad")), ints(kv.get("stride")),
                ints(kv.get("dilation")), Integer.parseInt(kv.get("groups")));
        ConvOperator a = new ConvOperator(c);
        assertThat(x.size()).isEqualTo(a.cols());
        assertThat(y.size()).as("output size").isEqualTo(a.rows());
        double[] out = new double[a.rows()];
        a.apply(x.data(), out);
        for (int i = 0; i < out.length; i++) assertThat(out[i]).as(name + " entry " + i).isCloseTo(y.data()[i], within(1e-12));
        assertThat(y.dim(0)).isEqualTo(c.outChannels());
        for (int ax = 0; ax < c.spatialDims(); ax++) assertThat(y.dim(1 + ax)).isEqualTo(c.outputSize(ax));
    }

    static int[] ints(String s) {
        String[] p = s.split(",");
        int[] r = new int[p.length];
        for (int i = 0; i < p.length; i++) r[i] = Integer.parseInt(p[i]);
        return r;
    }
}
