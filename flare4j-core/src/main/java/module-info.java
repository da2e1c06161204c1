/**
 * flare4j-core: chat with Cloudflare's AI playground and Workers AI over OkHttp and Jackson.
 *
 * <p>Exports the API packages and the browser seam ({@code io.github.flare4j.spi}, implemented by
 * flare4j-browser). The {@code io.github.flare4j.internal} packages are implementation details: they
 * are not exported and may change in any release.
 */
module io.github.flare4j {
  requires transitive okhttp3;
  requires okio;
  requires tools.jackson.core;

  exports io.github.flare4j;
  exports io.github.flare4j.cloudflare;
  exports io.github.flare4j.error;
  exports io.github.flare4j.http;
  exports io.github.flare4j.provider;
  exports io.github.flare4j.spi;
  exports io.github.flare4j.workersai;

  uses io.github.flare4j.spi.BrowserSupport;
}
