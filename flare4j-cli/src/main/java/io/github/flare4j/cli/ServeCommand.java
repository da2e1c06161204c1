package io.github.flare4j.cli;

import io.github.flare4j.gateway.Gateway;
import io.github.flare4j.gateway.ops.RedisCredentialStore;
import io.github.flare4j.provider.FileCredentialStore;
import io.github.flare4j.provider.ChatProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code flare4j serve}: the OpenAI- and Anthropic-compatible gateway ({@link Gateway}) and its
 * web chat, until stopped (Ctrl-C: a shutdown hook closes it, letting open streams finish for a
 * bounded time).
 *
 * <p>It takes the provider options of {@code chat} and serves every provider they allow, under the
 * names {@code --provider} uses: {@code playground} always; {@code workers-ai} (the REST API) and
 * {@code openai} (Workers AI's OpenAI-compatible endpoint) when an account id and a token are
 * found. A model prefixed with a name ({@code workers-ai/@cf/...}) goes to that provider; others go
 * to the default one: {@code --provider}, else {@code workers-ai} when it is served, else the
 * playground.
 *
 * <p>Once it listens it prints one line: its address and its routes. Binding beyond loopback
 * needs {@code --api-keys}; the gateway refuses to start otherwise (a usage error, exit code 2).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs the OpenAI- and Anthropic-compatible gateway, with a web chat at /, until stopped"
          + " (Ctrl-C).",
      "Serves the playground, and Workers AI as workers-ai and openai when an account id and a"
          + " token are given; a model prefixed with a provider's name (workers-ai/@cf/...,"
          + " playground/...) goes to that provider, any other to the default one (--provider,"
          + " else workers-ai when served, else playground).",
      "Binding beyond loopback needs --api-keys."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  flare4j serve",
      "  flare4j serve --port 9000 --cors http://localhost:3000",
      "  flare4j serve --host 0.0.0.0 --api-keys keys.txt --rate-limit 60/min",
      "  curl http://127.0.0.1:8080/v1/chat/completions -H 'Content-Type: application/json' \\",
      "    -d '{\"model\":\"llama-3.3-70b\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}'",
      "",
      "Environment:",
      "  " + Environment.ACCOUNT_LINE,
      "  " + Environment.TOKEN_LINE,
      "  " + Environment.BASE_URL_LINE,
      "  " + Environment.CACHE_DIR_LINE
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.LINE_OK, ExitCodes.LINE_INTERNAL, ExitCodes.LINE_USAGE,
      ExitCodes.LINE_AUTH, ExitCodes.LINE_NETWORK})
public final class ServeCommand implements Callable<Integer> {
  /** The most bytes a keys file may have. */
  static final int MAX_KEYS_FILE_BYTES = 1 << 20;

  /** The gateway's access log, one line per request (no secrets), shown on standard error. */
  static final String ACCESS_LOG = "io.github.flare4j.gateway.access";

  @ParentCommand
  Flare4jCli cli;

  @Spec
  CommandSpec spec;

  @Mixin
  ProviderOptions providerOptions;

  @Mixin
  ServiceOptions service;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "The address to listen on (default: ${DEFAULT-VALUE}); beyond loopback,"
          + " --api-keys is required.")
  String host;

  @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
      description = "The port; 0 for a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--api-keys", paramLabel = "FILE",
      description = "The API keys clients must send (Authorization: Bearer KEY, or x-api-key),"
          + " one per line; blank lines and lines starting with # are skipped. Without it,"
          + " anybody on this machine may use the gateway.")
  Path apiKeys;

  @Option(names = "--cors", paramLabel = "ORIGIN",
      description = "Allow browser pages of this origin to call the API (default: CORS off).")
  String cors;

  @Option(names = "--max-streams", paramLabel = "N", defaultValue = "256",
      description = "Upstream calls open at once; over it a request gets 429 at once"
          + " (default: ${DEFAULT-VALUE}).")
  int maxStreams;

  @Option(names = "--max-body", paramLabel = "SIZE", defaultValue = "1MiB",
      converter = Converters.ByteSize.class,
      description = "The largest request body: bytes, or with k/KiB or m/MiB (default: 1MiB).")
  long maxBody;

  @Option(names = "--rate-limit", paramLabel = "N/min", converter = Converters.PerMinute.class,
      description = "Requests per key (or per client address without keys) per minute;"
          + " over it, 429 with Retry-After (default: none).")
  int rateLimit;

  @Option(names = "--keep-alive", paramLabel = "SECONDS", converter = Converters.Seconds.class,
      defaultValue = "15",
      description = "How long a reply being streamed may be silent before the gateway sends a"
          + " keep-alive (an SSE comment; Anthropic's ping), so that proxies keep the connection"
          + " (default: ${DEFAULT-VALUE}).")
  Duration keepAlive;

  @Option(names = "--redis", paramLabel = "URL",
      description = "A Redis server (redis://[:password@]host[:port][/db]) that nodes share: the"
          + " rate-limit counters and the playground's cookies and headers. When it is down, each"
          + " node goes on with its own.")
  String redis;

  @Mixin
  PlaygroundOptions playgroundOptions;

  @Mixin
  DebugOption debug;

  /** Created by picocli, which then sets the options. */
  public ServeCommand() {}

  @Override
  public Integer call() {
    if (port < 0 || port > 65_535) {
      throw usage("Invalid value for option '--port': must be from 0 to 65535, was " + port);
    }
    if (maxStreams < 1) {
      throw usage("Invalid value for option '--max-streams': must be at least 1, was "
          + maxStreams);
    }
    Map<String, String> env = cli.context().env();
    Set<String> keys = apiKeys == null ? Set.of() : readKeys(apiKeys);
    playgroundOptions.check(providerOptions, null, service); // serve runs every provider
    RedisCredentialStore shared = null;
    if (redis != null) {
      try {
        shared = new RedisCredentialStore(redis, service.baseUrl(env),
            new FileCredentialStore(service.cacheDirectory(env)));
      } catch (IllegalArgumentException e) {
        throw usage("Invalid value for option '--redis': " + e.getMessage());
      }
      service.credentialStore = shared;
    }
    Map<ProviderKind, ChatProvider> providers = providerOptions.openAll(service, env,
        playgroundOptions.settings());
    ProviderKind chosen = providerOptions.asked();
    ProviderKind defaultKind = chosen != null ? chosen
        : providers.containsKey(ProviderKind.WORKERS_AI) ? ProviderKind.WORKERS_AI
        : ProviderKind.PLAYGROUND;
    Gateway.Builder builder = Gateway.builder();
    providers.forEach((kind, provider) -> builder.provider(kind.cliName(), provider));
    builder.defaultProvider(defaultKind.cliName());
    Gateway gateway;
    try {
      builder.host(host).port(port).apiKeys(keys).maxBodyBytes(maxBody)
          .maxConcurrentStreams(maxStreams).rateLimitPerMinute(rateLimit).cors(cors)
          .keepAliveInterval(keepAlive);
      if (redis != null) {
        builder.redis(redis);
      }
      gateway = builder.build();
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw usage(e.getMessage()); // e.g. beyond loopback without keys
    }
    // One access-log line per request on standard error (the run's logging shows warnings only).
    java.util.logging.Logger access = java.util.logging.Logger.getLogger(ACCESS_LOG);
    java.util.logging.Level accessLevel = access.getLevel();
    access.setLevel(java.util.logging.Level.INFO);
    try {
      gateway.start();
    } catch (IllegalStateException e) {
      access.setLevel(accessLevel);
      try {
        gateway.close();
      } catch (IllegalStateException ignored) {
        // it never ran
      }
      throw new CliException(ExitCodes.NETWORK, e.getMessage(), e);
    }
    Thread stopper = new Thread(gateway::close, "flare4j-serve-shutdown");
    boolean interrupted = false;
    Runtime.getRuntime().addShutdownHook(stopper);
    try {
      PrintWriter out = cli.context().out();
      out.println("flare4j serve listening on " + gateway.uri() + " (providers: "
          + String.join(", ", providers.keySet().stream().map(ProviderKind::cliName).toList())
          + "; default " + defaultKind.cliName() + (keys.isEmpty() ? "; no API keys"
              : "; " + keys.size() + (keys.size() == 1 ? " API key" : " API keys"))
          + "): " + String.join(", ", gateway.routes()));
      out.flush();
      gateway.join();
    } catch (InterruptedException e) {
      interrupted = true; // stopped from within the process: closed below, then said again
    } finally {
      gateway.close();
      if (shared != null) {
        shared.close();
      }
      access.setLevel(accessLevel);
      try {
        Runtime.getRuntime().removeShutdownHook(stopper);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it closes the gateway
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return ExitCodes.OK;
  }

  /**
   * The keys in {@code file}: one per line, stripped; blank lines and {@code #} comments skipped.
   * Messages name the file and line, never a key.
   *
   * @throws ParameterException when the file cannot be read, has no key, or a line is not a key
   */
  Set<String> readKeys(Path file) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_KEYS_FILE_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw badKeys(file, "no such file");
    } catch (AccessDeniedException e) {
      throw badKeys(file, "permission denied");
    } catch (IOException e) {
      throw badKeys(file, "cannot read it (" + FileFailures.reason(e) + ")");
    }
    if (bytes.length > MAX_KEYS_FILE_BYTES) {
      throw badKeys(file, "larger than " + MAX_KEYS_FILE_BYTES + " bytes");
    }
    Set<String> keys = new LinkedHashSet<>();
    List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      for (int c = 0; c < line.length(); c++) {
        if (line.charAt(c) <= ' ' || line.charAt(c) > '~') {
          throw badKeys(file, "line " + (i + 1) + " is not one key (a key is visible ASCII"
              + " without spaces)");
        }
      }
      keys.add(line);
    }
    if (keys.isEmpty()) {
      throw badKeys(file, "it has no key (one per line; # starts a comment)");
    }
    return keys;
  }

  private ParameterException badKeys(Path file, String reason) {
    return usage("Invalid value for option '--api-keys': cannot use " + file + ": " + reason);
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
