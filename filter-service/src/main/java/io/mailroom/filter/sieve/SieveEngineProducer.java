package io.mailroom.filter.sieve;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** One engine for the service; it is thread-safe and costly only to build. */
public class SieveEngineProducer {
  @Produces
  @Singleton
  SieveEngine engine() {
    return new SieveEngine();
  }
}
