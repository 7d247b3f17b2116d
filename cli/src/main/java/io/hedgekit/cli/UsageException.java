package io.hedgekit.cli;

/** A command used wrongly (bad combination of options, unknown format): exit code 2. */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
