package io.hedgekit.server;

/**
 * A request the engine refused, with the status a caller should see and a message a person can
 * act on. The Flight layer turns it into the matching {@code CallStatus}.
 */
public final class ServiceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a request failed. */
  public enum Kind {
    /** Bad input: a row, a field, a JSON value (the message names it). */
    INVALID_ARGUMENT,
    /** A limit was reached (the message names the limit). */
    RESOURCE_EXHAUSTED,
    /** A named book, scenario set or market does not exist. */
    NOT_FOUND,
    /** The caller went away or cancelled. */
    CANCELLED
  }

  private final Kind kind;

  /** A refusal of {@code kind} with {@code message}. */
  public ServiceException(Kind kind, String message) {
    this(kind, message, null);
  }

  /** As above, keeping the cause. */
  public ServiceException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** The kind of refusal. */
  public Kind kind() {
    return kind;
  }
}
