/**
 * Private to the server module: the Flight producer, bearer-token authentication, the named
 * store with its byte budget, the worker permits, and the reader that turns a Flight stream into
 * an {@code ArrowReader}. Nothing outside {@code io.hedgekit.server} may use these classes.
 */
package io.hedgekit.server.impl;
