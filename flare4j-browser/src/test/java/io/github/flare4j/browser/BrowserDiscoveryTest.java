package io.github.flare4j.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.Flare4j;
import io.github.flare4j.cloudflare.Cloudflare;
import io.github.flare4j.spi.BrowserSupport;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * flare4j-browser on the class path is found with {@link ServiceLoader} and used by the playground
 * by default, with no wiring by hand; finding it starts no Chromium.
 */
class BrowserDiscoveryTest {
  @TempDir Path cacheDir;

  @Test
  void theServiceLoaderFindsChromium() {
    List<BrowserSupport> found = ServiceLoader.load(BrowserSupport.class).stream()
        .map(ServiceLoader.Provider::get).toList();

    assertThat(found).singleElement().isInstanceOf(ChromiumBrowserSupport.class)
        .extracting(BrowserSupport::name).isEqualTo("headless Chromium");
  }

  @Test
  void theClientAndThePlaygroundUseItByDefaultWithoutStartingIt() {
    long childrenBefore = ProcessHandle.current().children().count();

    try (Flare4j flare4j = Flare4j.builder().cacheDirectory(cacheDir).build()) {
      Cloudflare playground = flare4j.playground();
      Cloudflare alone = Cloudflare.builder().cacheDirectory(cacheDir).build();

      assertThat(flare4j.browser()).get().isInstanceOf(ChromiumBrowserSupport.class);
      assertThat(flare4j.toString()).contains("browser=headless Chromium");
      assertThat(playground.hasBrowser()).isTrue();
      assertThat(alone.hasBrowser()).as("a provider built without a client finds it too").isTrue();
    }
    assertThat(ProcessHandle.current().children().count())
        .as("no Chromium was started to find it").isEqualTo(childrenBefore);
  }

  @Test
  void itCanBeTurnedOff() {
    try (Flare4j flare4j = Flare4j.builder().cacheDirectory(cacheDir).noBrowser().build()) {
      assertThat(flare4j.browser()).isEmpty();
      assertThat(flare4j.playground().hasBrowser()).isFalse();
    }
    try (Flare4j flare4j = Flare4j.builder().cacheDirectory(cacheDir).build()) {
      assertThat(Cloudflare.builder().client(flare4j).noBrowser().build().hasBrowser()).isFalse();
    }
  }
}
