package io.github.flare4j.cli;

import io.github.flare4j.browser.ChromiumLocator;
import io.github.flare4j.browser.XvfbLocator;
import io.github.flare4j.provider.CacheDirectory;
import io.github.flare4j.workersai.WorkersAIBuilder;

/** The environment variables the commands read, as their {@code --help} lists them. */
final class Environment {
  static final String ACCOUNT_LINE = WorkersAIBuilder.ACCOUNT_ID_ENV
      + "  account id for workers-ai and openai (or --account-id)";
  static final String TOKEN_LINE = WorkersAIBuilder.API_TOKEN_ENV
      + "   their API token (or --api-token-file FILE)";
  static final String DEFAULT_LINE =
      "                       with both set, the default provider is workers-ai";
  static final String BASE_URL_LINE = ServiceOptions.BASE_URL_ENV
      + "       the playground's address (or --base-url)";
  static final String CACHE_DIR_LINE = CacheDirectory.ENV
      + "      where the playground's session is kept (or --cache-dir)";

  static final String CHROMIUM_LINE = ChromiumLocator.ENV_VARIABLE
      + "       the Chromium that passes the playground's challenge";
  static final String CHROMIUM_PATH_LINE =
      "                       (else chromium, chromium-browser, google-chrome on PATH)";
  static final String DISPLAY_LINE = XvfbLocator.DISPLAY_VARIABLE
      + "                the X display of --browser-window (else Xvfb is started)";

  private Environment() {}
}
