/**
 * Trainable networks with hand-derived reverse-mode gradients: layers ({@link io.lipschitz4j.nn.Dense},
 * {@link io.lipschitz4j.nn.Conv2d}, {@link io.lipschitz4j.nn.ReLU}, {@link io.lipschitz4j.nn.LeakyReLU},
 * {@link io.lipschitz4j.nn.Tanh}, the 1-Lipschitz gradient-norm-preserving
 * {@link io.lipschitz4j.nn.MaxMin} and {@link io.lipschitz4j.nn.GroupSort},
 * {@link io.lipschitz4j.nn.Flatten}, {@link io.lipschitz4j.nn.AvgPool2d}), containers
 * ({@link io.lipschitz4j.nn.Sequential}, the DAG {@link io.lipschitz4j.nn.Graph} with merges such as
 * the residual {@link io.lipschitz4j.nn.Add}) and named {@link io.lipschitz4j.nn.Parameter}s.
 * Elementwise maps implement {@link io.lipschitz4j.nn.Activation} and state their exact Lipschitz
 * constant. The layers that imported ONNX models need ({@link io.lipschitz4j.nn.Sigmoid},
 * {@link io.lipschitz4j.nn.HardSigmoid}, {@link io.lipschitz4j.nn.HardSwish}, {@link io.lipschitz4j.nn.SiLU},
 * {@link io.lipschitz4j.nn.Clip}, {@link io.lipschitz4j.nn.PReLU}, {@link io.lipschitz4j.nn.Softmax},
 * {@link io.lipschitz4j.nn.ElementwiseAffine} for batch norm and constant arithmetic,
 * {@link io.lipschitz4j.nn.MaxPool2d}, {@link io.lipschitz4j.nn.GlobalAvgPool2d},
 * {@link io.lipschitz4j.nn.ConvTranspose2d}, {@link io.lipschitz4j.nn.Reshape},
 * {@link io.lipschitz4j.nn.Transpose}, {@link io.lipschitz4j.nn.Identity} and the merges
 * {@link io.lipschitz4j.nn.Concat}, {@link io.lipschitz4j.nn.Multiply}, {@link io.lipschitz4j.nn.Subtract})
 * follow ONNX/PyTorch semantics.
 * Losses are in {@code nn.loss}, optimizers and learning-rate schedules in {@code nn.optim}, data sets
 * in {@code nn.data}.
 *
 * <p>Conventions: batch-first, C-order tensors laid out as PyTorch lays them out (Dense weight
 * [out, in], conv kernel [out, in/groups, kH, kW], activations [N, C, H, W]), with PyTorch's parameter
 * names, so weights move between the two without reshuffling. Float64 today; the arithmetic sits in
 * one package-private helper so that float32 can be added beside it. Every backward pass is checked
 * against central finite differences in the tests.
 *
 * <p>Depends on {@code io.lipschitz4j.linalg} (tensors, BLAS) and {@code io.lipschitz4j.io} (IDX files
 * for the data sets).
 */
package io.lipschitz4j.nn;
