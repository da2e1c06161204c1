package io.github.flare4j.cli;

import io.github.flare4j.cloudflare.Cloudflare;
import io.github.flare4j.http.ProxySpec;
import io.github.flare4j.http.Timeouts;
import io.github.flare4j.provider.CacheDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where and how to reach the service: {@code --base-url}, {@code --cache-dir}, {@code --proxy},
 * and the hidden {@code --idle-timeout}. Shared by {@code models} and {@code chat}.
 */
public final class ServiceOptions {
  /** The environment variable with the base URL when {@code --base-url} is not given. */
  public static final String BASE_URL_ENV = "FLARE4J_BASE_URL";

  /** Created by picocli, which then sets the options. */
  public ServiceOptions() {}

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(names = "--base-url", paramLabel = "URL",
      description = "The playground's address, e.g. an emulator's (env " + BASE_URL_ENV
          + "; default: " + Cloudflare.DEFAULT_URL + ").")
  String baseUrl;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "Where to keep the session cookies (env " + CacheDirectory.ENV
          + "; default: $XDG_CACHE_HOME/flare4j or ~/.cache/flare4j).")
  Path cacheDir;

  @Option(names = "--proxy", paramLabel = "URL", converter = Converters.Proxy.class,
      description = "Send requests through a proxy: http://, https:// or socks5://"
          + "[user:password@]host:port.")
  ProxySpec proxy;

  @Option(names = "--idle-timeout", paramLabel = "SECONDS", hidden = true,
      converter = Converters.Seconds.class,
      description = "Fail when a started reply sends nothing for this long (default: 60).")
  Duration idleTimeout;

  /** The base URL: the option, else the environment variable, else the public playground. */
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
   * A provider for these options.
   *
   * @throws ParameterException when the base URL is not an http(s) URL
   */
  Cloudflare cloudflare(Map<String, String> env) {
    Cloudflare.Builder builder = Cloudflare.builder();
    String url = baseUrl(env);
    try {
      builder.baseUrl(url);
    } catch (IllegalArgumentException e) {
      String source = baseUrl != null ? "option '--base-url'" : BASE_URL_ENV;
      throw new ParameterException(mixee.commandLine(),
          "Invalid value for " + source + ": " + e.getMessage());
    }
    Timeouts timeouts = idleTimeout == null ? Timeouts.DEFAULT : Timeouts.DEFAULT.withIdle(idleTimeout);
    builder.timeouts(timeouts).cacheDirectory(cacheDirectory(env));
    builder.proxy(proxy);
    return builder.build();
  }
}
