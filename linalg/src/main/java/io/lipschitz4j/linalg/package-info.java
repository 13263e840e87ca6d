/**
 * Dense tensors and matrices in C order (row-major, like NumPy, PyTorch, ONNX), batches of complex
 * matrices, and thin facades over the numerical libraries the rest of lipschitz4j stands on:
 * {@link io.lipschitz4j.linalg.Blas}, {@link io.lipschitz4j.linalg.Lapack} and
 * {@link io.lipschitz4j.linalg.Arpack} over {@code dev.ludovic.netlib} (native OpenBLAS when present,
 * pure Java otherwise), {@link io.lipschitz4j.linalg.Fft} over JTransforms, the matrix-free
 * {@link io.lipschitz4j.linalg.LinearOperator}, and {@link io.lipschitz4j.linalg.Rounding}, the
 * floating-point error constants (γ_n, outward rounding) that certified bounds are built from.
 *
 * <p>Row-major trick: a row-major m×n array is the column-major n×m array of the transpose, so the
 * facades hand row-major data to Fortran routines without copying and swap the roles of the operands.
 */
package io.lipschitz4j.linalg;
