/**
 * {@code hedgekit serve}: an Arrow Flight service over the engine. {@link io.hedgekit.server.HedgekitServer}
 * starts it; {@link io.hedgekit.server.ComputeService} is the narrow engine interface the Flight
 * layer calls, and {@link io.hedgekit.server.RiskComputeService} implements it with the risk
 * module (the one class that knows the engine's types). The protocol is in docs/flight.md.
 */
package io.hedgekit.server;
