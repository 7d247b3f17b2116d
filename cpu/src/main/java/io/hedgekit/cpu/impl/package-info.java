/**
 * Private to the {@code cpu} module: the Vector API kernels, the vectorised normal CDF and the
 * worker pool behind {@link io.hedgekit.cpu.CpuBackendProvider}. Nothing here is API; other
 * modules reach these classes only through the {@link io.hedgekit.kernels.ComputeBackend} the
 * provider opens.
 *
 * <p>Every class in this package links against {@code jdk.incubator.vector}; the public package
 * checks that the module is present before touching any of them.
 */
package io.hedgekit.cpu.impl;
