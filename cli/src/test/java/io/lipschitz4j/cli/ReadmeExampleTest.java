package io.lipschitz4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lipschitz4j.io.NpyReader;
import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.BoundKind;
import io.lipschitz4j.spectral.Sandwich;
import io.lipschitz4j.spectral.conv.CertifiedConvNorm;
import io.lipschitz4j.spectral.conv.ConvSpectrum;
import io.lipschitz4j.spectral.conv.Convolution;
import io.lipschitz4j.spectral.conv.SedghiSpectrum;
import io.lipschitz4j.spectral.dense.DenseSandwich;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The "As a library" snippet of the README, line for line (run from the cli module, so ../examples). */
class ReadmeExampleTest {
    @Test
    void librarySnippetRunsAsWritten() throws Exception {
        Tensor kernel = NpyReader.readFinite(Path.of("../examples/conv3x3.npy"));     // [out, in, kH, kW]
        Convolution conv = Convolution.circular(kernel, 32, 32);
        ConvSpectrum spectrum = SedghiSpectrum.compute(conv);                       // all singular values
        Bound upper = CertifiedConvNorm.certifiedSigmaMax(conv);                    // kind UPPER
        Sandwich s = DenseSandwich.sandwich(DenseMatrix.gaussian(500, 500, 1), 1e-10);

        assertThat(spectrum.values()).hasSize(8 * 32 * 32);
        assertThat(upper.kind()).isEqualTo(BoundKind.UPPER);
        assertThat(upper.value()).isGreaterThanOrEqualTo(spectrum.sigmaMax().value() - spectrum.sigmaMax().errorTerm());
        assertThat(s.relativeGap()).isLessThanOrEqualTo(1e-10);
    }
}
