package io.github.flare4j.cli;

import io.github.flare4j.CallOptions;
import io.github.flare4j.ChatRequest;
import io.github.flare4j.ChatStream;
import io.github.flare4j.Message;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.TextDelta;
import io.github.flare4j.browser.ChromiumLocator;
import io.github.flare4j.cloudflare.Cloudflare;
import io.github.flare4j.cloudflare.Transport;
import io.github.flare4j.error.ResponseStatusException;
import io.github.flare4j.internal.text.ServerText;
import io.github.flare4j.provider.ChatProvider;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * {@code flare4j doctor}: tries every provider and transport at the configured address, one line
 * each (works or not, in how long, and for a failure what was seen and what to try), or with
 * {@code --json} one JSON object for an issue report. {@code --base-url} applies to all of them.
 * The exit code is 0 when the playground's default path (the Agents socket, else
 * {@code /api/inference}) works, else the exit code of the first of those that failed.
 *
 * <p>It takes the options of {@code chat} that apply: {@code --transport} narrows the
 * playground's probes to that transport, {@code --no-browser} skips the one through Chromium,
 * {@code --timeout} limits each probe (default: 20 s) and {@code --retries} lets a probe try again
 * (default: 0, so that a probe reports what it saw at once).
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Tries every provider and transport at the configured address, one line each.",
      "Each line says whether it works, in how long, and for a failure what was seen and what to"
          + " try.",
      "Workers AI (REST and OpenAI-compatible) is tried when an account and a token are set.",
      "Each probe waits at most 20 s unless --timeout says otherwise, and is not tried again"
          + " unless --retries says so."
    },
    footerHeading = "%nEnvironment:%n",
    footer = {
      "  " + Environment.ACCOUNT_LINE,
      "  " + Environment.TOKEN_LINE,
      "  " + Environment.BASE_URL_LINE,
      "  " + Environment.CACHE_DIR_LINE,
      "  " + Environment.CHROMIUM_LINE
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.LINE_OK, ExitCodes.LINE_INTERNAL, ExitCodes.LINE_USAGE, ExitCodes.LINE_AUTH,
      ExitCodes.LINE_RATE_LIMITED, ExitCodes.LINE_NETWORK, ExitCodes.LINE_PROTOCOL,
      ExitCodes.LINE_SERVICE
    })
public final class DoctorCommand implements java.util.concurrent.Callable<Integer> {
  /** How long one probe may take. */
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);

  private static final JsonFactory JSON = JsonFactory.builder()
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .build();

  @ParentCommand
  Flare4jCli cli;

  @Mixin
  ProviderOptions providerOptions;

  @Mixin
  ServiceOptions service;

  @Mixin
  PlaygroundOptions playgroundOptions;

  @Mixin
  CallLimits limits;

  @Mixin
  DebugOption debug;

  @Spec
  CommandSpec spec;

  /** Each probe's limit: {@code --timeout}, else {@link #PROBE_TIMEOUT}. */
  private Duration probeTimeout = PROBE_TIMEOUT;

  /** Each probe's tries after the first: {@code --retries}, else none (a probe reports at once). */
  private int probeRetries;

  @Option(names = "--json",
      description = "Print one JSON object (version, java, os, base_url, probes) for an issue report.")
  boolean json;

  /** Created by picocli, which then sets the options. */
  public DoctorCommand() {}

  /** What one probe found. */
  record Probe(String name, String status, long millis, Integer httpStatus, String contentType,
      String firstBytes, String message, int exitCode) {
    boolean ok() {
      return status.equals("ok");
    }
  }

  @Override
  public Integer call() {
    CliContext context = cli.context();
    limits.check(spec);
    playgroundOptions.check(providerOptions, null, service); // every provider is tried
    if (limits.timeout != null) {
      probeTimeout = limits.timeout;
    }
    if (spec.commandLine().getParseResult().hasMatchedOption("--retries")) {
      probeRetries = limits.retries;
    }
    Map<String, String> env = context.env();
    List<Probe> probes = new ArrayList<>();
    // --transport narrows the playground's probes to that transport's; auto tries both
    Transport only = playgroundOptions.transport();
    boolean tryAgents = only != Transport.INFERENCE;
    boolean tryInference = only != Transport.AGENTS;
    String notAsked = "--transport " + only.wireName();
    Cloudflare agents = service.cloudflare(service.client(env, false), env,
        new PlaygroundSettings(Transport.AGENTS, false));
    Cloudflare inference = service.cloudflare(service.client(env, false), env,
        new PlaygroundSettings(Transport.INFERENCE, false));
    Probe direct = tryAgents ? run("playground: Agents socket", () -> chat(agents))
        : skipped("playground: Agents socket", notAsked);
    probes.add(direct);
    Probe browsed = null;
    String browserProbe = "playground: Agents socket through Chromium";
    if (!tryAgents) {
      probes.add(skipped(browserProbe, notAsked));
    } else if (playgroundOptions.noBrowser) {
      probes.add(skipped(browserProbe, "--no-browser"));
    } else if (new ChromiumLocator(env).find().isPresent()) {
      Cloudflare viaBrowser = service.cloudflare(service.client(env, true), env,
          new PlaygroundSettings(Transport.AGENTS, true));
      browsed = run(browserProbe, () -> chat(viaBrowser));
      probes.add(browsed);
    } else {
      probes.add(skipped(browserProbe, "no Chromium found"));
    }
    probes.add(tryAgents
        ? run("playground: getModels", () -> agents.fetchModels().size() + " models")
        : skipped("playground: getModels", notAsked));
    Probe posted = tryInference ? run("playground: POST /api/inference", () -> chat(inference))
        : skipped("playground: POST /api/inference", notAsked);
    probes.add(posted);
    probes.add(tryInference
        ? run("playground: GET /api/models", () -> inference.fetchModels().size() + " models")
        : skipped("playground: GET /api/models", notAsked));
    Map<ProviderKind, ChatProvider> all;
    try {
      all = providerOptions.openAll(service, env, new PlaygroundSettings(Transport.AGENTS, false));
    } catch (CliException e) {
      all = Map.of();
      probes.add(failed("workers-ai", e, 0));
    }
    for (ProviderKind kind : List.of(ProviderKind.WORKERS_AI, ProviderKind.OPENAI)) {
      ChatProvider provider = all.get(kind);
      String label = kind == ProviderKind.WORKERS_AI ? "workers-ai: REST" : "openai: OpenAI-compatible";
      if (provider == null) {
        probes.add(skipped(label + " chat", "no account id and API token set"));
        probes.add(skipped(label + " models", "no account id and API token set"));
      } else {
        probes.add(run(label + " chat", () -> chat(provider)));
        probes.add(run(label + " models", () -> provider.fetchModels().size() + " models"));
      }
    }
    boolean defaultWorks = direct.ok() || (browsed != null && browsed.ok()) || posted.ok();
    int failure = java.util.stream.Stream.of(direct, browsed, posted)
        .filter(probe -> probe != null && probe.status().equals("failed"))
        .mapToInt(Probe::exitCode).findFirst().orElse(ExitCodes.INTERNAL);
    PrintWriter out = context.out();
    String baseUrl = service.baseUrl(env);
    if (json) {
      json(out, baseUrl, probes, defaultWorks);
    } else {
      out.println("flare4j " + VersionProvider.version() + ", Java " + Runtime.version() + ", "
          + System.getProperty("os.name") + "; base URL " + baseUrl);
      probes.forEach(probe -> out.println(line(probe)));
      out.println(defaultWorks ? "The default path works." : "The default path does not work.");
    }
    out.flush();
    return defaultWorks ? ExitCodes.OK : failure;
  }

  /** A tiny chat: returns the start of the reply. */
  private String chat(ChatProvider provider) {
    CallOptions options = CallOptions.builder().timeout(probeTimeout).maxRetries(probeRetries)
        .build();
    ChatRequest request = ChatRequest.builder().message(Message.user("Say OK.")).build();
    StringBuilder text = new StringBuilder();
    try (ChatStream stream = provider.stream(request, options)) {
      for (ResponseItem item : stream) {
        if (item instanceof TextDelta delta) {
          text.append(delta.text());
          if (text.length() >= 8) {
            break;
          }
        }
      }
    }
    return "replied " + quote(text.toString());
  }

  private Probe run(String name, Supplier<String> probe) {
    long start = System.nanoTime();
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    try {
      Future<String> result = executor.submit(probe::get);
      String detail = result.get(probeTimeout.toSeconds() + 5, TimeUnit.SECONDS);
      return new Probe(name, "ok", millis(start), null, null, null, detail, ExitCodes.OK);
    } catch (ExecutionException e) {
      return failed(name, e.getCause(), millis(start));
    } catch (TimeoutException e) {
      return new Probe(name, "failed", millis(start), null, null, null,
          "no answer in " + probeTimeout.toSeconds() + " s; check the connection, --proxy and"
              + " --base-url (or raise --timeout)", ExitCodes.NETWORK);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Probe(name, "failed", millis(start), null, null, null, "interrupted",
          ExitCodes.INTERNAL);
    } finally {
      executor.shutdownNow();
    }
  }

  private Probe failed(String name, Throwable error, long millis) {
    Integer status = null;
    String contentType = null;
    String firstBytes = null;
    if (error instanceof ResponseStatusException e) {
      status = e.status();
      contentType = e.headers().entrySet().stream()
          .filter(h -> h.getKey().equalsIgnoreCase("content-type") && !h.getValue().isEmpty())
          .map(h -> h.getValue().getFirst()).findFirst().orElse(null);
      String excerpt = e.bodyExcerpt();
      if (excerpt != null && !excerpt.isEmpty()) {
        firstBytes = excerpt.length() > 80 ? excerpt.substring(0, 80) : excerpt;
      }
    }
    String message = ErrorReporter.message(error, debug.debug, service.proxy);
    return new Probe(name, "failed", millis, status, contentType, firstBytes,
        ServerText.escapeControls(message), ErrorReporter.exitCode(error));
  }

  private static Probe skipped(String name, String why) {
    return new Probe(name, "skipped", 0, null, null, null, why, ExitCodes.OK);
  }

  private static long millis(long start) {
    return Duration.ofNanos(System.nanoTime() - start).toMillis();
  }

  /** The probe as one line a person reads. */
  static String line(Probe probe) {
    StringBuilder line = new StringBuilder();
    line.append(switch (probe.status()) {
      case "ok" -> "ok     ";
      case "skipped" -> "skip   ";
      default -> "FAIL   ";
    });
    line.append(probe.name());
    if (!probe.status().equals("skipped")) {
      line.append(String.format(Locale.ROOT, " (%.2f s)", probe.millis() / 1000.0));
    }
    line.append(": ");
    if (probe.httpStatus() != null) {
      line.append("HTTP ").append(probe.httpStatus());
      if (probe.contentType() != null) {
        line.append(", ").append(ServerText.escapeControls(probe.contentType()));
      }
      if (probe.firstBytes() != null) {
        line.append(", body ").append(quote(probe.firstBytes()));
      }
      line.append("; ");
    }
    line.append(probe.message());
    return line.toString();
  }

  /** Text between quotes with control characters and quotes escaped. */
  static String quote(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\r' -> quoted.append("\\r");
        case '\t' -> quoted.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
            quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }

  private static void json(PrintWriter out, String baseUrl, List<Probe> probes, boolean works) {
    try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      json.writeStartObject();
      json.writeStringProperty("version", VersionProvider.version());
      json.writeStringProperty("java", Runtime.version().toString());
      json.writeStringProperty("os", System.getProperty("os.name") + " "
          + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
      json.writeStringProperty("base_url", withoutSecrets(baseUrl));
      json.writeBooleanProperty("default_path_works", works);
      json.writeArrayPropertyStart("probes");
      for (Probe probe : probes) {
        json.writeStartObject();
        json.writeStringProperty("name", probe.name());
        json.writeStringProperty("status", probe.status());
        json.writeNumberProperty("millis", probe.millis());
        if (probe.httpStatus() != null) {
          json.writeNumberProperty("http_status", probe.httpStatus());
        }
        if (probe.contentType() != null) {
          json.writeStringProperty("content_type", probe.contentType());
        }
        if (probe.firstBytes() != null) {
          json.writeStringProperty("first_bytes", probe.firstBytes());
        }
        json.writeStringProperty("message", probe.message());
        if (!probe.ok() && probe.status().equals("failed")) {
          json.writeNumberProperty("exit_code", probe.exitCode());
        }
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    out.println();
  }

  /** The URL without user info or query (which may hold secrets). */
  static String withoutSecrets(String url) {
    try {
      java.net.URI uri = java.net.URI.create(url.strip());
      return new java.net.URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(),
          null, null).toString();
    } catch (IllegalArgumentException | java.net.URISyntaxException e) {
      return "(not a URL)";
    }
  }
}
