package io.hedgekit.risk.hedge;

/**
 * A hedge target cannot be met with the given universe; the message names what is missing
 * ("cannot neutralise gamma of ETH: the universe has no ETH options").
 */
public final class HedgeInfeasibleException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public HedgeInfeasibleException(String message) {
    super(message);
  }
}
