package io.hedgekit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.auth2.BearerCredentialWriter;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bearer tokens, TLS and the refusal to expose an unauthenticated server. */
class FlightSecurityTest {

  @TempDir
  Path dir;

  private static CallOption bearer(String token) {
    return new CredentialCallOption(new BearerCredentialWriter(token));
  }

  private static String health(FlightClient c, CallOption... options) {
    var it = c.doAction(new Action("health"), options);
    String body = new String(it.next().getBody(), java.nio.charset.StandardCharsets.UTF_8);
    it.forEachRemaining(r -> { });
    return body;
  }

  @Test
  void tokens_missingOrWrongAreUnauthenticated_rightOnesPass() throws Exception {
    Path tokens = dir.resolve("tokens.txt");
    Files.writeString(tokens, "# desk tokens\nalpha-1234567890\n\nbeta-0987654321\n");
    assertEquals(List.of("alpha-1234567890", "beta-0987654321"), HedgekitServer.readTokens(tokens));
    try (BufferAllocator a = new RootAllocator();
        HedgekitServer server = HedgekitServer.start(ServerOptions.builder().port(0)
            .tokens(HedgekitServer.readTokens(tokens)).build(), new RiskComputeService("scalar", 1));
        FlightClient c = FlightClient.builder(a, server.location()).build()) {
      FlightRuntimeException missing = assertThrows(FlightRuntimeException.class, () -> health(c));
      assertEquals(FlightStatusCode.UNAUTHENTICATED, missing.status().code());
      assertTrue(missing.status().description().contains("authorization: Bearer"), missing.status().description());
      FlightRuntimeException wrong = assertThrows(FlightRuntimeException.class, () -> health(c, bearer("alpha-123456789")));
      assertEquals(FlightStatusCode.UNAUTHENTICATED, wrong.status().code());
      // Every kind of call is guarded, not only actions.
      FlightRuntimeException list = assertThrows(FlightRuntimeException.class,
          () -> c.listFlights(org.apache.arrow.flight.Criteria.ALL).forEach(i -> { }));
      assertEquals(FlightStatusCode.UNAUTHENTICATED, list.status().code());
      assertTrue(health(c, bearer("alpha-1234567890")).contains("\"status\":\"ok\""));
      assertTrue(health(c, bearer("beta-0987654321")).contains("\"status\":\"ok\""));
    }
  }

  @Test
  void tokenFile_empty_isRefused() throws Exception {
    Path tokens = dir.resolve("empty.txt");
    Files.writeString(tokens, "# nothing\n\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HedgekitServer.readTokens(tokens));
    assertEquals("--token-file " + tokens + " holds no token", e.getMessage());
  }

  @Test
  void nonLoopbackHost_withoutTokens_isRefusedUnlessInsecure() {
    // Checked before anything binds: no socket is opened on 0.0.0.0 here.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HedgekitServer.checkExposure(ServerOptions.builder().host("0.0.0.0").build()));
    assertTrue(e.getMessage().contains("--token-file") && e.getMessage().contains("--insecure"), e.getMessage());
    HedgekitServer.checkExposure(ServerOptions.builder().host("0.0.0.0").insecure(true).build());
    HedgekitServer.checkExposure(ServerOptions.builder().host("0.0.0.0").tokens(List.of("t")).build());
    HedgekitServer.checkExposure(ServerOptions.builder().host("127.0.0.1").build());
    HedgekitServer.checkExposure(ServerOptions.builder().host("localhost").build());
  }

  @Test
  void tls_servesEncryptedCallsToAClientThatTrustsTheCertificate() throws Exception {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
        "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), "openssl: " + log);
    try (BufferAllocator a = new RootAllocator();
        HedgekitServer server = HedgekitServer.start(ServerOptions.builder().port(0).tls(cert, key)
            .tokens(List.of("secret-token")).build(), new RiskComputeService("scalar", 1))) {
      assertEquals("grpc+tls", server.location().getUri().getScheme());
      try (InputStream trust = Files.newInputStream(cert);
          FlightClient c = FlightClient.builder(a, Location.forGrpcTls("127.0.0.1", server.port()))
              .trustedCertificates(trust).build()) {
        assertTrue(health(c, bearer("secret-token")).contains("\"status\":\"ok\""));
      }
      // A plain-text client cannot talk to it.
      try (FlightClient plain = FlightClient.builder(a, Location.forGrpcInsecure("127.0.0.1", server.port())).build()) {
        FlightRuntimeException e = assertThrows(FlightRuntimeException.class, () -> health(plain, bearer("secret-token")));
        assertEquals(FlightStatusCode.UNAVAILABLE, e.status().code());
      }
    }
  }
}
