package io.lipschitz4j.nn.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.lipschitz4j.io.SafetensorsReader;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.model.ModelIo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resume test, for real: a child JVM trains with checkpoints every 3 steps and is killed
 * with SIGKILL ({@link Process#destroyForcibly()}) after its first checkpoint appears; a second child
 * JVM resumes from the checkpoint and finishes; its final weights must equal, bit for bit, those of an
 * uninterrupted run in this JVM.
 */
class ResumeKillTest {
    @TempDir
    Path dir;

    private static Process child(Path dir, String mode, long sleepMillis) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), ResumeChild.class.getName(),
                dir.toString(), mode, Long.toString(sleepMillis)));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(mode + ".log").toFile());
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        return pb.start();
    }

    @Test
    void sigkillThenResumeGivesBitIdenticalWeights() throws Exception {
        Path ckpt = dir.resolve("ckpt.safetensors");
        Process p = child(dir, "fresh", 40);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(ckpt) && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(5);
        assertThat(Files.exists(ckpt)).as("first checkpoint; child log: %s", log(dir, "fresh")).isTrue();
        Thread.sleep(60); // into the steps after the checkpoint, so the resumed run redoes some work
        p.destroyForcibly();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("killed, not finished").isNotZero();
        assertThat(Files.exists(dir.resolve("final.safetensors"))).isFalse();

        Process q = child(dir, "resume", 0);
        assertThat(q.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(q.exitValue()).as(log(dir, "resume")).isZero();
        long resumedAt = Long.parseLong(Files.readString(dir.resolve("started-at-step")).trim());
        long total = (long) ResumeChild.EPOCHS * ((200 + 15) / 16);
        assertThat(resumedAt).as("resumed mid-run").isPositive().isLessThan(total);

        Trainer t = ResumeChild.trainer(null, 0);
        t.fit(ResumeChild.data(), null);
        Map<String, Tensor> want = ModelIo.stateDict(t.model());
        Map<String, Tensor> got = SafetensorsReader.read(dir.resolve("final.safetensors")).tensors();
        assertThat(got.keySet()).containsExactlyElementsOf(want.keySet());
        for (String k : want.keySet()) {
            double[] a = want.get(k).data(), b = got.get(k).data();
            for (int i = 0; i < a.length; i++) assertThat(Double.doubleToRawLongBits(b[i])).as("%s[%d]", k, i).isEqualTo(Double.doubleToRawLongBits(a[i]));
        }
    }

    private static String log(Path dir, String mode) {
        try {
            return Files.readString(dir.resolve(mode + ".log"));
        } catch (Exception e) {
            return "(no log)";
        }
    }
}
