/**
 * ONNX models in and out of nn graphs: {@link io.lipschitz4j.onnx.OnnxModel#load} imports a model file
 * as an {@link io.lipschitz4j.nn.Graph} (float64, batch-first) for evaluation and Lipschitz
 * certification; {@link io.lipschitz4j.onnx.OnnxExport#write} writes nn models as ONNX (opset 17).
 *
 * <p>Reading: the protobuf classes are generated at build time from {@code src/main/protobuf/onnx_subset.proto},
 * a subset of upstream {@code onnx.proto} with identical field numbers (protoc comes from Maven Central).
 * Initializers are read from raw_data, the typed fields or external data files (relative to the model's
 * directory, validated), in float16/bfloat16/float32/float64 and integer types. The import then
 * <ol>
 *   <li>lists every node whose operator is not supported in one {@link io.lipschitz4j.onnx.OnnxFormatException};</li>
 *   <li>walks the nodes in file order: constant subexpressions are folded (including torch's
 *       {@code Shape → Gather → Unsqueeze → Concat → Reshape} subgraphs, with the batch size kept symbolic),
 *       and each operator on a batched tensor becomes a layer or merge whose {@code outputShape} is checked
 *       (static shape inference) and compared with the shapes the file declares;</li>
 *   <li>rewrites exporter patterns: x·Sigmoid(x) → SiLU, x·HardSigmoid(x) and x·Clip(x+3, 0, 6)/6 →
 *       HardSwish, adjacent constant affine maps and batch norms → one ElementwiseAffine, a constant bias
 *       Add after a Dense → its bias; other products of two tensors stay Multiply merges.</li>
 * </ol>
 * Mapping: Conv → Conv2d (symmetric padding), ConvTranspose → ConvTranspose2d, Gemm/MatMul with a
 * constant weight → Dense, Add/Sub/Mul/Div by constants and BatchNormalization → ElementwiseAffine,
 * Add/Sub/Mul of two tensors → Add/Subtract/Multiply, Relu, LeakyRelu, PRelu, Sigmoid, HardSigmoid,
 * HardSwish, Tanh, Clip, Softmax (last axis) → the nn activations, MaxPool → MaxPool2d, AveragePool (no
 * padding) → AvgPool2d, GlobalAveragePool → GlobalAvgPool2d, Flatten/Reshape/Unsqueeze/Squeeze →
 * Flatten/Reshape, Transpose, Concat; Identity, Dropout, float Cast and zero-width Pad are aliases.
 * Every failure is an {@link io.lipschitz4j.onnx.OnnxFormatException} whose one-line message names the
 * file, node, operator and field; a seeded fuzz test holds the importer to that.
 *
 * <p>Depends on {@code io.lipschitz4j.nn} (layers, graphs), {@code io.lipschitz4j.io} (atomic writes) and
 * protobuf-java; ONNX Runtime is the test oracle only.
 */
package io.lipschitz4j.onnx;
