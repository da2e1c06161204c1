package io.github.flare4j.cli;

import io.github.flare4j.Flare4j;
import io.github.flare4j.browser.ChromiumBrowserSupport;
import io.github.flare4j.browser.ChromiumLocator;
import io.github.flare4j.browser.ChromiumOptions;
import io.github.flare4j.cloudflare.Cloudflare;
import io.github.flare4j.http.ProxySpec;
import io.github.flare4j.http.Timeouts;
import io.github.flare4j.provider.CacheDirectory;
import io.github.flare4j.workersai.AiGateway;
import io.github.flare4j.workersai.WorkersAIBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where and how to reach the service: {@code --base-url}, {@code --cache-dir}, {@code --proxy},
 * {@code --browser-window} and the hidden {@code --idle-timeout}. Shared by {@code models} and
 * {@code chat}, next to {@link ProviderOptions}, which chooses the provider these options
 * configure.
 *
 * <p>{@value #BASE_URL_ENV} is the playground's address only: Workers AI's API token is sent to
 * {@code https://api.cloudflare.com} or to an address given on the command line, never to one
 * that an environment variable meant for the playground happens to name.
 */
public final class ServiceOptions {
  /** The environment variable with the base URL when {@code --base-url} is not given. */
  public static final String BASE_URL_ENV = "FLARE4J_BASE_URL";

  /** Created by picocli, which then sets the options. */
  public ServiceOptions() {}

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(names = "--base-url", paramLabel = "URL",
      description = "The service's address, e.g. an emulator's. Default for workers-ai and"
          + " openai: " + WorkersAIBuilder.DEFAULT_BASE_URL + " (and " + AiGateway.DEFAULT_BASE_URL
          + " with --gateway); for the playground: env " + BASE_URL_ENV + ", else "
          + Cloudflare.DEFAULT_URL + ".")
  String baseUrl;

  /** Where the playground's credentials are kept, when not the cache folder's file (serve's Redis). */
  io.github.flare4j.provider.CredentialStore credentialStore;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "Where to keep the playground's session cookies (env " + CacheDirectory.ENV
          + "; default: $XDG_CACHE_HOME/flare4j or ~/.cache/flare4j).")
  Path cacheDir;

  @Option(names = "--proxy", paramLabel = "URL", converter = Converters.Proxy.class,
      description = "Send requests through a proxy: http://, https:// or socks5://"
          + "[user:password@]host:port.")
  ProxySpec proxy;

  @Option(names = "--browser-window",
      description = "Run Chromium in a real window, placed off screen, instead of headless"
          + " (playground), for sites whose Turnstile refuses headless browsers. Needs an X"
          + " display: env DISPLAY, else an Xvfb it starts (apt-get install xvfb).")
  boolean browserWindow;

  @Option(names = "--idle-timeout", paramLabel = "SECONDS", hidden = true,
      converter = Converters.Seconds.class,
      description = "Fail when a started reply sends nothing for this long (default: 60).")
  Duration idleTimeout;

  /** The playground's base URL: the option, else the environment variable, else the public playground. */
  String baseUrl(Map<String, String> env) {
    if (baseUrl != null) {
      return baseUrl;
    }
    String fromEnv = env.get(BASE_URL_ENV);
    return fromEnv == null || fromEnv.isBlank() ? Cloudflare.DEFAULT_URL : fromEnv;
  }

  /** The cache folder, as core resolves it, from the given environment. */
  Path cacheDirectory(Map<String, String> env) {
    return CacheDirectory.resolve(cacheDir, env, System.getProperty("user.home"));
  }

  /**
   * The run's one client: these options' timeouts, proxy and cache folder, and the browser when
   * {@code browser} (Chromium found through {@code env}, in a window with {@code --browser-window}),
   * else none.
   *
   * @param env the run's environment
   * @param browser whether a headless browser may be used
   */
  Flare4j client(Map<String, String> env, boolean browser) {
    Flare4j.Builder builder = Flare4j.builder()
        .timeouts(timeouts())
        .proxy(proxy)
        .cacheDirectory(cacheDirectory(env));
    if (credentialStore != null) {
      builder.credentialStore(credentialStore);
    }
    if (browser) {
      builder.browser(new ChromiumBrowserSupport(new ChromiumLocator(env),
          ChromiumOptions.DEFAULT.windowed(browserWindow)));
    } else {
      builder.noBrowser();
    }
    return builder.build();
  }

  /**
   * A provider for these options, from {@code client} (see {@link #client}).
   *
   * <p>With the browser, Chromium is looked for in {@code env} ({@value ChromiumLocator#ENV_VARIABLE},
   * else {@code PATH}) only when it is needed: when no credentials are cached, on a challenge, or
   * when the Agents socket refuses a plain client. When none is found the provider uses default
   * headers, and a challenge then ends in an error that says how to install Chromium. With
   * {@code --browser-window} it runs in a window on {@code env}'s {@code DISPLAY}, else on an Xvfb
   * found on {@code env}'s {@code PATH}.
   *
   * @param client the run's client, with or without the browser
   * @param env the run's environment
   * @param settings the transport
   * @throws ParameterException when the base URL is not an http(s) URL
   */
  Cloudflare cloudflare(Flare4j client, Map<String, String> env, PlaygroundSettings settings) {
    Cloudflare.Builder builder = Cloudflare.builder().client(client);
    String url = baseUrl(env);
    try {
      builder.baseUrl(url);
    } catch (IllegalArgumentException e) {
      String source = baseUrl != null ? "option '--base-url'" : BASE_URL_ENV;
      throw new ParameterException(mixee.commandLine(),
          "Invalid value for " + source + ": " + e.getMessage());
    }
    builder.transport(settings.transport());
    return builder.build();
  }

  /** The connection limits, with {@code --idle-timeout} when given. */
  Timeouts timeouts() {
    return idleTimeout == null ? Timeouts.DEFAULT : Timeouts.DEFAULT.withIdle(idleTimeout);
  }

  /** {@code --base-url} as given, or null. */
  String givenBaseUrl() {
    return baseUrl;
  }

  /** A usage error for a {@code --base-url} the provider's builder refused. */
  ParameterException invalidBaseUrl(IllegalArgumentException e) {
    return new ParameterException(mixee.commandLine(),
        "Invalid value for option '--base-url': " + e.getMessage());
  }
}
