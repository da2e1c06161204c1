package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.cli.CliRunner.Result;
import io.github.flare4j.emulator.AgentFault;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.Fault;
import io.github.flare4j.emulator.RecordedRequest;
import io.github.flare4j.emulator.proxy.TestProxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Whatever goes wrong, {@code flare4j chat --debug} (its most verbose logging, with stack traces)
 * and {@code --json} print no secret: not the API token, not a cookie's value (given with
 * {@code --cookie} or handed out by the service), not the proxy's password. Every fault the
 * emulator injects, on every provider and playground transport.
 */
class SecretsInOutputTest {
  static final String API_TOKEN = "tok3n-S3CR3T-5e11e9";
  static final String PROXY_PASSWORD = "pr0xy-S3CR3T-d00d";
  static final String CLEARANCE = "cl3arance-S3CR3T-fade";
  static final String MODEL = "@cf/meta/llama-3.1-8b-instruct-fp8";

  @TempDir Path cache;

  /** A provider, or a transport of the playground, as the command line selects it. */
  enum Target {
    PLAYGROUND_INFERENCE("--provider", "playground", "--transport", "inference", "--no-browser",
        "--cookie", "cf_clearance=" + CLEARANCE),
    PLAYGROUND_AGENTS("--provider", "playground", "--transport", "agents", "--no-browser",
        "--cookie", "cf_clearance=" + CLEARANCE),
    WORKERS_AI("--provider", "workers-ai"),
    OPENAI("--provider", "openai");

    final List<String> args;

    Target(String... args) {
      this.args = List.of(args);
    }

    String path(Emulator emulator) {
      return switch (this) {
        case PLAYGROUND_INFERENCE -> Emulator.INFERENCE_PATH;
        case PLAYGROUND_AGENTS -> Emulator.AGENTS_PATH;
        case WORKERS_AI -> "/client/v4/accounts/" + emulator.accountId() + "/ai/run/" + MODEL;
        case OPENAI -> "/client/v4/accounts/" + emulator.accountId() + "/ai/v1/chat/completions";
      };
    }

    /** Queues the fault; false when it has no meaning for this target. */
    boolean inject(Fault fault, Emulator emulator) {
      if (this == PLAYGROUND_AGENTS) {
        switch (fault) {
          case TRUNCATED, RESET -> emulator.enqueueAgentFault(AgentFault.CLOSE_MID_STREAM);
          case ERROR_PART -> emulator.enqueueAgentFault(AgentFault.ERROR_FRAME);
          case STALL -> emulator.enqueueAgentFault(AgentFault.NO_FRAME);
          case CHALLENGE, UNAUTHORIZED, FORBIDDEN, RATE_LIMIT, SERVER_ERROR, SERVICE_UNAVAILABLE,
              RESET_EARLY -> emulator.enqueueFault(fault, Emulator.AGENTS_PATH);
          default -> {
            return false;
          }
        }
        return true;
      }
      emulator.enqueueFault(fault, path(emulator));
      return true;
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Target.class)
  void noFaultMakesTheCommandLineShowASecret(Target target) {
    List<Result> results = new ArrayList<>();
    Set<String> secrets = new LinkedHashSet<>(List.of(API_TOKEN, PROXY_PASSWORD, CLEARANCE));
    List<Fault> faults = new ArrayList<>();
    faults.add(null); // no fault
    faults.addAll(List.of(Fault.values()));
    for (Fault fault : faults) {
      try (Emulator emulator = Emulator.builder().apiToken(API_TOKEN).start();
          TestProxy proxy = TestProxy.socks5("flare4j", PROXY_PASSWORD)) {
        emulator.rateLimitRetryAfter(1);
        if (fault != null && !target.inject(fault, emulator)) {
          continue;
        }
        for (boolean json : new boolean[] {false, true}) {
          List<String> args = new ArrayList<>(List.of("chat"));
          args.addAll(target.args);
          args.addAll(List.of("--debug", "--model", MODEL,
              "--base-url", emulator.baseUrl(),
              "--proxy", proxy.url(),
              "--idle-timeout", "0.5", "--timeout", "8", "--retries", "1"));
          if (target.args.contains("playground")) {
            args.addAll(List.of("--cache-dir", cache.toString()));
          }
          if (json) {
            args.add("--json");
          }
          args.add("Hello");
          results.add(CliRunner.run("", Map.of("CLOUDFLARE_ACCOUNT_ID", emulator.accountId(),
              "CLOUDFLARE_API_TOKEN", API_TOKEN), args.toArray(String[]::new)));
          if (fault != null) {
            target.inject(fault, emulator); // the same fault again for the --json run
          }
        }
        assertThat(proxy.seen()).as("%s × %s goes through the proxy: %s", target, fault, results.getLast()).isNotEmpty();
        for (RecordedRequest request : emulator.requests()) {
          request.cookies().values().stream().filter(v -> v.length() >= 8).forEach(secrets::add);
        }
      }
    }
    assertThat(results).anySatisfy(r -> assertThat(r.exitCode()).isZero());
    assertThat(results).anySatisfy(r -> assertThat(r.exitCode()).isNotZero());
    assertThat(results).anySatisfy(r -> assertThat(r.err()).contains("flare4j: debug: "));
    for (Result result : results) {
      for (String secret : secrets) {
        assertThat(result.out()).as("%s", result).doesNotContain(secret);
        assertThat(result.err()).as("%s", result).doesNotContain(secret);
      }
    }
  }
}
