package io.hedgekit.risk.hedge;

import java.util.Objects;

/**
 * A trade a person proposes, for {@link WhatIf}.
 *
 * @param id instrument id, which must be in the universe
 * @param quantity signed contracts (positive = buy), finite
 */
public record ProposedTrade(String id, double quantity) {

  public ProposedTrade {
    Objects.requireNonNull(id, "id");
    if (!Double.isFinite(quantity)) {
      throw new IllegalArgumentException("quantity must be finite, was " + quantity + " (id " + id + ")");
    }
  }
}
