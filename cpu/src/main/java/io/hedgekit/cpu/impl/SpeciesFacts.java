package io.hedgekit.cpu.impl;

/**
 * Facts about the vector species the kernels use. Lives here, not in {@link io.hedgekit.cpu.CpuInfo},
 * because touching the species links {@code jdk.incubator.vector}, which CpuInfo must only do
 * once it knows the module is present.
 */
public final class SpeciesFacts {

  private SpeciesFacts() {
  }

  /** The species' name, e.g. {@code Species[double, 8, S_512_BIT]}. */
  public static String name() {
    return VectorNormal.SPECIES.toString();
  }

  /** Vector width in bits. */
  public static int bits() {
    return VectorNormal.SPECIES.vectorBitSize();
  }

  /** Doubles per vector. */
  public static int doubleLanes() {
    return VectorNormal.SPECIES.length();
  }
}
