/**
 * The {@code cpu} backend: {@link io.hedgekit.cpu.CpuBackendProvider} (found through
 * {@link java.util.ServiceLoader}) opens Vector API kernels for Greeks and scenario revaluation,
 * and {@link io.hedgekit.cpu.CpuInfo} says what the backend sees on this machine. The kernels
 * themselves are private to the module ({@code io.hedgekit.cpu.impl}).
 */
package io.hedgekit.cpu;
