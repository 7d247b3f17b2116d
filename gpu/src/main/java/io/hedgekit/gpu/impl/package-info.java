/**
 * Private to the {@code gpu} module: OpenCL device discovery, the compiled program, device
 * buffers and the double-buffered chunk pipeline behind {@link io.hedgekit.gpu.GpuBackend}.
 * Nothing here is API; other modules use {@code io.hedgekit.gpu} only.
 */
package io.hedgekit.gpu.impl;
