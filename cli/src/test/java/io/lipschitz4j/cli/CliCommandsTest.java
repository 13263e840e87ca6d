package io.lipschitz4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.lipschitz4j.io.NpyWriter;
import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Gaussian;
import io.lipschitz4j.linalg.Lapack;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.spectral.conv.ConvOperator;
import io.lipschitz4j.spectral.conv.Convolution;
import io.lipschitz4j.spectral.conv.Padding;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands end to end, checked against the LAPACK SVD of the explicit operator. */
class CliCommandsTest {
    private static final double REL = 1e-10;

    @TempDir
    Path dir;

    private static double exactConvNorm(Tensor k, Padding padding, int n, int stride) {
        int p = padding == Padding.ZERO ? 1 : 0;
        Convolution c = new Convolution(k, new int[] {n, n}, padding, new int[] {p, p}, new int[] {stride, stride}, new int[] {1, 1}, 1);
        return Lapack.singularValues(new ConvOperator(c).toDense())[0];
    }

    @Test
    void spectrumExactMatchesExplicitOperatorAndWritesReport() throws Exception {
        Tensor k = new Tensor(new int[] {4, 3, 3, 3}, Gaussian.vector(108, 5));
        Path file = dir.resolve("kernel.npy");
        NpyWriter.write(file, k);
        Path out = dir.resolve("report");
        CliRun r = CliRun.of("spectrum", file.toString(), "--input", "6x6", "--json", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = Json.MAPPER.readTree(r.out());
        JsonNode b = j.get("bounds").get(0);
        assertThat(b.get("kind").asText()).isEqualTo("EXACT");
        double exact = exactConvNorm(k, Padding.CIRCULAR, 6, 1);
        assertThat(b.get("value").asDouble()).isCloseTo(exact, within(REL * exact));
        assertThat(j.get("singularValues")).hasSize(3 * 36);
        for (String f : new String[] {"index.html", "report.json", "spectrum.csv", "sigma_max_per_frequency.csv", "singular_values.png", "sigma_max_per_frequency.png"}) {
            assertThat(out.resolve(f)).exists();
        }
        assertThat(Files.readString(out.resolve("index.html"))).contains("data:image/png;base64,");
        assertThat(Files.readAllLines(out.resolve("spectrum.csv"))).hasSize(1 + 3 * 36);
    }

    @Test
    void spectrumBoundsForZeroPaddingAndStrideEncloseTheExactNorm() throws Exception {
        Tensor k = new Tensor(new int[] {3, 2, 3, 3}, Gaussian.vector(54, 6));
        Path file = dir.resolve("k.npy");
        NpyWriter.write(file, k);
        CliRun r = CliRun.of("spectrum", file.toString(), "--input", "7x7", "--padding", "zero", "--stride", "2", "--method", "bounds", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        double exact = exactConvNorm(k, Padding.ZERO, 7, 2);
        JsonNode bounds = Json.MAPPER.readTree(r.out()).get("bounds");
        assertThat(bounds.size()).isGreaterThanOrEqualTo(3);
        int certified = 0;
        for (JsonNode b : bounds) {
            double v = b.get("value").asDouble();
            switch (b.get("kind").asText()) {
                case "UPPER" -> { assertThat(v).as(b.toString()).isGreaterThanOrEqualTo(exact); certified++; }
                case "LOWER" -> { assertThat(v).as(b.toString()).isLessThanOrEqualTo(exact); certified++; }
                default -> assertThat(b.get("certified").asBoolean()).isFalse();
            }
        }
        assertThat(certified).isGreaterThanOrEqualTo(2);
    }

    @Test
    void normAllMethodsAreHonestAboutTheirKind() throws Exception {
        CliRun r = CliRun.of("norm", "--random", "40x25", "--seed", "3", "--method", "all", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        double exact = Lapack.singularValues(DenseMatrix.gaussian(40, 25, 3))[0];
        JsonNode j = Json.MAPPER.readTree(r.out());
        for (JsonNode b : j.get("bounds")) {
            double v = b.get("value").asDouble();
            switch (b.get("kind").asText()) {
                case "UPPER" -> assertThat(v).isGreaterThanOrEqualTo(exact);
                case "LOWER" -> assertThat(v).isLessThanOrEqualTo(exact);
                case "EXACT" -> assertThat(v).isCloseTo(exact, within(1e-12 * exact));
                default -> assertThat(v).isCloseTo(exact, within(1e-3 * exact));
            }
        }
        JsonNode s = j.get("sandwich");
        assertThat(s.get("lower").get("value").asDouble()).isLessThanOrEqualTo(exact);
        assertThat(s.get("upper").get("value").asDouble()).isGreaterThanOrEqualTo(exact);
        assertThat(s.get("relativeGap").asDouble()).isLessThanOrEqualTo(1e-10);
    }

    @Test
    void normReadsANpyMatrixAndPrintsKinds() throws Exception {
        DenseMatrix w = DenseMatrix.gaussian(12, 7, 8);
        Path file = dir.resolve("w.npy");
        NpyWriter.write(file, w.asTensor());
        CliRun r = CliRun.of("norm", file.toString(), "--method", "gram");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("certified upper bound").contains("w.npy");
    }

    @Test
    void soundnessSmallRunHasNoViolations() throws Exception {
        CliRun r = CliRun.of("soundness", "--cases", "30", "--json");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(Json.MAPPER.readTree(r.out()).get("violations").asLong()).isZero();
    }

    @Test
    void helpTeaches() {
        for (String c : Lipschitz.commandLine().getSubcommands().keySet()) {
            if (c.equals("help")) continue;
            CliRun r = CliRun.of(c, "--help");
            assertThat(r.exit()).isZero();
            assertThat(r.out()).as(c).contains("Usage:").contains("Example");
            assertThat(r.err()).as(c + " --help must render without picocli warnings").doesNotContain("WARN");
        }
    }
}
