package io.github.flare4j.gateway.http;

/** One endpoint: handles an exchange whose method and path matched it. */
@FunctionalInterface
public interface Route {
  /**
   * Answers the exchange. Throws {@link ApiException} for an error the client's API should see in
   * its own shape; anything else is a 500 (logged, never quoted).
   */
  void handle(Exchange exchange) throws Exception;
}
