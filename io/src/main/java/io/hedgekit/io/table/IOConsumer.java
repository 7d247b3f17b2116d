package io.hedgekit.io.table;

import java.io.IOException;

/**
 * A consumer that may throw {@link IOException}.
 *
 * @param <T> what it consumes
 */
@FunctionalInterface
public interface IOConsumer<T> {
  void accept(T t) throws IOException;
}
