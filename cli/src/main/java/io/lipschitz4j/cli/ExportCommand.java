package io.lipschitz4j.cli;

import io.lipschitz4j.onnx.OnnxExport;
import io.lipschitz4j.onnx.OnnxExportException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lipschitz export}: writes a model as ONNX (opset 17) for ONNX Runtime, PyTorch tooling or {@code certify}. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Writes a model saved by 'lipschitz train' (or an architecture .json with --weights) as an ONNX",
            "file (opset 17, written atomically), with float32 weights unless --float64. Layers ONNX",
            "cannot express (MaxMin, GroupSort, circular padding) are named in the error.",
            "",
            "Example:",
            "  lipschitz export runs/cnn cnn.onnx"})
final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "Model directory, prefix, or architecture .json.")
    Path model;

    @Parameters(index = "1", paramLabel = "FILE.onnx", description = "The ONNX file to write.")
    Path target;

    @Option(names = "--weights", paramLabel = "FILE", description = "Weights for an architecture .json (.safetensors, .npz, or a directory of .npy).")
    Path weights;

    @Option(names = "--float64", description = "Store weights as float64 (default float32, what ONNX Runtime's conv kernels take).")
    boolean float64;

    @Override
    public Integer call() throws IOException {
        if (model.getFileName().toString().toLowerCase().endsWith(".onnx")) throw new UserException(model + ": already an ONNX file");
        ModelSource src = ModelSource.load(model, weights, null);
        try {
            OnnxExport.write(src.network(), src.inputShape(), target, float64);
        } catch (OnnxExportException e) {
            throw new UserException(model + ": " + e.getMessage());
        }
        System.out.println("wrote " + target);
        return 0;
    }
}
