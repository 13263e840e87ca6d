/**
 * Tensor decompositions on dense C-order tensors, in the manner of TensorLy: one file per method,
 * one immutable data class per format with {@code toDense}, norms and inner products computed from the
 * factors.
 *
 * <ul>
 *   <li>{@link io.lipschitz4j.tensor.Tensors}: unfolding (Kolda–Bader and C order), folding, mode-n
 *       products, Khatri–Rao and Kronecker products, MTTKRP without the Khatri–Rao matrix.</li>
 *   <li>{@link io.lipschitz4j.tensor.CPTensor}: CP by ALS ({@link io.lipschitz4j.tensor.CpAls}) and by
 *       the tensor power method with deflation ({@link io.lipschitz4j.tensor.CpPower}).</li>
 *   <li>{@link io.lipschitz4j.tensor.TuckerTensor}: HOSVD and HOOI ({@link io.lipschitz4j.tensor.Tucker}).</li>
 *   <li>{@link io.lipschitz4j.tensor.TTTensor}: TT-SVD ({@link io.lipschitz4j.tensor.TensorTrain}).</li>
 *   <li>{@link io.lipschitz4j.tensor.HTTensor}: hierarchical Tucker over a
 *       {@link io.lipschitz4j.tensor.DimensionTree} ({@link io.lipschitz4j.tensor.HierarchicalTucker}).</li>
 *   <li>Seed analyses: {@link io.lipschitz4j.tensor.DepthEfficiency} (Cohen–Sharir–Shashua: ranks of the
 *       odd/even matricization of convolutional arithmetic circuits) and
 *       {@link io.lipschitz4j.tensor.HaeffeleVidal} (variational nuclear norm, optimality certificate,
 *       rank-growing meta-algorithm), {@link io.lipschitz4j.tensor.NnLift} (Janzamin–Sedghi–Anandkumar:
 *       first-layer weights from the third-order score moment by whitening and the tensor power method) and
 *       {@link io.lipschitz4j.tensor.SpinGlass} (Choromanska et al.: minima of the spherical H-spin glass).
 *       The network half of the spin-glass study needs {@code nn} and so lives in the CLI.</li>
 * </ul>
 * Every method returns a {@link io.lipschitz4j.tensor.Fit}: model, {@link io.lipschitz4j.tensor.Status},
 * iterations and relative-error history. Randomness is seeded. Bad input (ranks a shape cannot carry,
 * ragged or negative shapes, NaN entries) raises {@link java.lang.IllegalArgumentException} with the
 * offending value in the message. Depends on {@code linalg} only (BLAS/LAPACK through its facades).
 */
package io.lipschitz4j.tensor;
