package io.lipschitz4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.lipschitz4j.io.NpyWriter;
import io.lipschitz4j.linalg.Gaussian;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.tensor.CPTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lipschitz tensor …} end to end at small sizes, checked against exact references where there are any. */
class TensorCommandTest {
    @TempDir
    Path dir;

    private static JsonNode ok(CliRun r) throws Exception {
        assertThat(r.exit()).as(r.err()).isZero();
        return Json.MAPPER.readTree(r.out());
    }

    private static void files(Path out, String... names) throws Exception {
        for (String n : names) assertThat(out.resolve(n)).as(n).exists();
        assertThat(Files.readString(out.resolve("index.html"))).contains("data:image/png;base64,");
        Json.MAPPER.readTree(out.resolve("report.json").toFile());
    }

    @Test
    void depthEfficiencyReachesRToTheNOverTwoAndCpCannotFitWithFewerTerms() throws Exception {
        Path out = dir.resolve("depth");
        JsonNode j = ok(CliRun.of("tensor", "depth-efficiency", "--cases", "4,2,2", "8,2,2", "--cp-iterations", "20", "--no-progress", "--json",
                "--out", out.toString()));
        long[] expected = {4, 16}; // Cohen-Sharir-Shashua Thm. 1: r^(N/2)
        for (int c = 0; c < 2; c++) {
            JsonNode cs = j.get("cases").get(c);
            assertThat(cs.get("matricizationRank").asLong()).isEqualTo(expected[c]);
            assertThat(cs.get("bound").asLong()).isEqualTo(expected[c]);
            for (JsonNode p : cs.get("cp")) {
                int terms = p.get("terms").asInt();
                double lb = p.get("lowerBound").asDouble();
                // Eckart-Young is a true lower bound: no CP model does better
                assertThat(p.get("alsError").asDouble()).as("terms %d", terms).isGreaterThanOrEqualTo(lb * (1 - 1e-9));
                if (terms < expected[c]) assertThat(lb).as("terms %d", terms).isGreaterThan(1e-8);
                else assertThat(lb).isLessThan(1e-12);
            }
        }
        files(out, "index.html", "report.json", "ranks.csv", "cp_fit.csv", "ranks.png", "singular_values.png", "cp_fit.png");
    }

    @Test
    void haeffeleVidalCertifiesTheConvexOptimumForEveryLambda() throws Exception {
        Path out = dir.resolve("hv");
        JsonNode j = ok(CliRun.of("tensor", "haeffele-vidal", "--rows", "12", "--cols", "9", "--rank", "3", "--lambdas", "0.5,3,7,20", "--json",
                "--out", out.toString()));
        double[] s = new double[j.get("singularValues").size()];
        for (int i = 0; i < s.length; i++) s[i] = j.get("singularValues").get(i).asDouble();
        for (JsonNode l : j.get("lambdas")) {
            double lambda = l.get("lambda").asDouble();
            int above = 0;
            double convex = 0; // min ½‖Y − X‖² + λ‖X‖_* from the singular values (soft thresholding)
            for (double v : s) {
                if (v > lambda) above++;
                convex += v > lambda ? 0.5 * lambda * lambda + lambda * (v - lambda) : 0.5 * v * v;
            }
            assertThat(l.get("status").asText()).isEqualTo("CONVERGED");
            assertThat(l.get("rank").asInt()).as("lambda %s", lambda).isEqualTo(above);
            assertThat(l.get("certificate").asDouble()).isLessThanOrEqualTo(lambda * (1 + 1e-6));
            assertThat(l.get("objective").asDouble()).isCloseTo(convex, within(1e-8 * convex));
        }
        JsonNode loc = j.get("localMinima");
        assertThat(loc.get("oneColumnTooFew").get("certified").asBoolean()).isFalse();
        assertThat(loc.get("oneColumnToSpare").get("certified").asBoolean()).isTrue();
        files(out, "index.html", "report.json", "lambdas.csv", "growth.csv", "certificate.png", "rank.png", "growth.png");
    }

    @Test
    void nnLiftRecoversExactlyFromPopulationMomentsAndImprovesWithSamples() throws Exception {
        Path out = dir.resolve("nnlift");
        JsonNode j = ok(CliRun.of("tensor", "nn-lift", "--dim", "6", "--hidden", "3", "--samples", "1e3,1e4,1e5", "--repeats", "1", "--no-progress",
                "--json", "--out", out.toString()));
        assertThat(j.get("populationError").asDouble()).isLessThan(1e-8);
        JsonNode pts = j.get("points");
        assertThat(pts).hasSize(3);
        assertThat(pts.get(0).get("samples").asLong()).isEqualTo(1000);
        assertThat(pts.get(2).get("medianError").asDouble()).isLessThan(pts.get(0).get("medianError").asDouble() / 3);
        files(out, "index.html", "report.json", "errors.csv", "error_vs_samples.png");
        assertThat(Files.readAllLines(out.resolve("errors.csv"))).hasSize(1 + 3);
    }

    @Test
    void spinGlassReportsMinimaAndNetworkLossesWithTheirSpread() throws Exception {
        Path out = dir.resolve("spin");
        JsonNode j = ok(CliRun.of("tensor", "spin-glass", "--sizes", "6,12", "--starts", "8", "--widths", "2,8", "--seeds", "3", "--epochs", "2",
                "--train", "200", "--no-progress", "--json", "--out", out.toString()));
        assertThat(j.get("spinGlass")).hasSize(2);
        for (JsonNode g : j.get("spinGlass")) {
            JsonNode m = g.get("minima");
            assertThat(m).hasSize(8);
            double mean = 0;
            for (JsonNode v : m) mean += v.asDouble() / m.size();
            double ss = 0;
            for (JsonNode v : m) ss += (v.asDouble() - mean) * (v.asDouble() - mean);
            assertThat(g.get("mean").asDouble()).isCloseTo(mean, within(1e-12));
            assertThat(g.get("std").asDouble()).isCloseTo(Math.sqrt(ss / (m.size() - 1)), within(1e-12));
            assertThat(g.get("converged").asInt()).isEqualTo(8);
        }
        assertThat(j.get("networks")).hasSize(2);
        for (JsonNode n : j.get("networks")) {
            assertThat(n.get("testLosses")).hasSize(3);
            for (JsonNode v : n.get("testLosses")) assertThat(v.asDouble()).isPositive();
        }
        files(out, "index.html", "report.json", "spin_glass_minima.csv", "network_losses.csv", "spin_glass_minima.png", "network_losses.png",
                "spread.png");
    }

    @Test
    void decomposeFitsAPlantedTensorWithEveryMethod() throws Exception {
        Tensor x = CPTensor.random(3, 2, 5, 6, 7).toDense();
        Path f = dir.resolve("planted.npy");
        NpyWriter.write(f, x);
        JsonNode cp = ok(CliRun.of("tensor", "decompose", f.toString(), "--method", "cp", "--rank", "2", "--max-iterations", "500", "--json"));
        assertThat(cp.get("relativeError").asDouble()).isLessThan(1e-6);
        assertThat(cp.get("parameters").asLong()).isEqualTo(2 * (5 + 6 + 7) + 2);
        JsonNode tt = ok(CliRun.of("tensor", "decompose", f.toString(), "--method", "tt", "--tol", "1e-10", "--json"));
        assertThat(tt.get("relativeError").asDouble()).isLessThanOrEqualTo(1e-10);
        assertThat(tt.get("ranks").asText()).isEqualTo("[1, 2, 2, 1]");
        JsonNode tk = ok(CliRun.of("tensor", "decompose", f.toString(), "--method", "tucker", "--rank", "2", "--json"));
        assertThat(tk.get("relativeError").asDouble()).isLessThan(1e-10);
        assertThat(tk.get("status").asText()).isEqualTo("CONVERGED");
        Path out = dir.resolve("ht");
        CliRun ht = CliRun.of("tensor", "decompose", f.toString(), "--method", "ht", "--tol", "1e-8", "--out", out.toString());
        assertThat(ht.exit()).as(ht.err()).isZero();
        assertThat(ht.out()).contains("relative error").contains("status CONVERGED");
        files(out, "index.html", "report.json", "error_history.csv", "error_history.png");
        double e = Json.MAPPER.readTree(out.resolve("report.json").toFile()).get("relativeError").asDouble();
        assertThat(e).isLessThanOrEqualTo(1e-8);
    }

    @Test
    void textTablesAndHelpTeach() {
        CliRun help = CliRun.of("tensor", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("depth-efficiency", "haeffele-vidal", "nn-lift", "spin-glass", "decompose", "Examples:");
        CliRun nn = CliRun.of("tensor", "nn-lift", "--dim", "4", "--hidden", "2", "--samples", "1e3,1e4", "--repeats", "1", "--no-progress");
        assertThat(nn.exit()).as(nn.err()).isZero();
        assertThat(nn.out()).contains("population moments", "median error", "log-log slope");
    }

    @Test
    void badArgumentsGiveOneLine() throws Exception {
        CliRun.assertUserError(CliRun.of("tensor"), "say which analysis");
        CliRun.assertUserError(CliRun.of("tensor", "nn-lift", "--dim", "4", "--hidden", "5"), "--hidden", "k <= d");
        CliRun.assertUserError(CliRun.of("tensor", "nn-lift", "--samples", "1e3,abc"), "--samples");
        CliRun.assertUserError(CliRun.of("tensor", "nn-lift", "--samples", "1.5e3,0"), "--samples");
        CliRun.assertUserError(CliRun.of("tensor", "depth-efficiency", "--cases", "3,2,2"), "power of two");
        CliRun.assertUserError(CliRun.of("tensor", "depth-efficiency", "--cases", "4,2"), "N,M,r");
        CliRun.assertUserError(CliRun.of("tensor", "spin-glass", "--sizes", "1"), "--sizes");
        CliRun.assertUserError(CliRun.of("tensor", "haeffele-vidal", "--lambdas", "1,-2"), "--lambdas");
        CliRun.assertUserError(CliRun.of("tensor", "haeffele-vidal", "--rank", "40"), "--rank");
        Path f = dir.resolve("t.npy");
        NpyWriter.write(f, new Tensor(new int[] {3, 4, 5}, Gaussian.vector(60, 1)));
        CliRun.assertUserError(CliRun.of("tensor", "decompose", f.toString(), "--method", "cp", "--tol", "1e-3"), "--rank");
        CliRun.assertUserError(CliRun.of("tensor", "decompose", f.toString(), "--method", "tt", "--rank", "2", "--tol", "1e-3"), "exactly one");
        CliRun.assertUserError(CliRun.of("tensor", "decompose", f.toString(), "--method", "svd", "--rank", "2"), "--method");
        CliRun.assertUserError(CliRun.of("tensor", "decompose", f.toString(), "--method", "cp", "--rank", "100"), "t.npy", "CP rank 100");
        Path v = dir.resolve("v.npy");
        NpyWriter.write(v, new Tensor(new int[] {7}, Gaussian.vector(7, 1)));
        CliRun.assertUserError(CliRun.of("tensor", "decompose", v.toString(), "--method", "tt", "--tol", "0.1"), "v.npy", "order >= 2");
        CliRun.assertUserError(CliRun.of("tensor", "decompose", dir.resolve("missing.npy").toString(), "--method", "tt", "--tol", "0.1"), "missing.npy");
    }
}
