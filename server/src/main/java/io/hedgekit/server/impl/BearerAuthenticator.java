package io.hedgekit.server.impl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.auth2.CallHeaderAuthenticator;

/**
 * Checks {@code authorization: Bearer <token>} on every call against a list of tokens. The
 * comparison is in constant time: the SHA-256 of the presented token is compared with the
 * SHA-256 of every accepted token with {@link MessageDigest#isEqual}, all of them, so neither the
 * position of a mismatch nor which token matched shows in the time taken.
 */
public final class BearerAuthenticator implements CallHeaderAuthenticator {
  private static final String PREFIX = "Bearer ";
  private final List<byte[]> digests;

  /** @param tokens accepted tokens, each non-empty */
  public BearerAuthenticator(List<String> tokens) {
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException("no tokens");
    }
    this.digests = tokens.stream().map(BearerAuthenticator::sha256).toList();
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public AuthResult authenticate(CallHeaders headers) {
    String value = headers.get("authorization");
    if (value == null || !value.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      throw CallStatus.UNAUTHENTICATED
          .withDescription("this server needs an 'authorization: Bearer <token>' header (see --token-file)")
          .toRuntimeException();
    }
    byte[] presented = sha256(value.substring(PREFIX.length()).strip());
    int match = -1;
    for (int i = 0; i < digests.size(); i++) {
      if (MessageDigest.isEqual(digests.get(i), presented) & match < 0) {
        match = i;
      }
    }
    if (match < 0) {
      throw CallStatus.UNAUTHENTICATED.withDescription("unknown bearer token").toRuntimeException();
    }
    String identity = "token-" + (match + 1);
    return () -> identity;
  }
}
