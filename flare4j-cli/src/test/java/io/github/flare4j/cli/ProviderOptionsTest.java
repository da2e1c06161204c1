package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.flare4j.cli.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider options' usage errors: they need no service, since each is refused before anything
 * is sent (the base URL points nowhere).
 */
class ProviderOptionsTest {
  static final String NOWHERE = "http://127.0.0.1:1";
  static final Map<String, String> CREDENTIALS = Map.of(
      "CLOUDFLARE_ACCOUNT_ID", "0123456789abcdef0123456789abcdef",
      "CLOUDFLARE_API_TOKEN", "some-token");

  @TempDir
  Path dir;

  static void assertUsageError(Result result, String... parts) {
    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines()).as("%s", result).hasSize(2);
    assertThat(result.errLines().getFirst()).startsWith("flare4j: ").contains(parts);
    assertThat(result.errLines().getLast()).startsWith("Try 'flare4j ");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void anUnknownProviderIsAUsageError() {
    Result result = CliRunner.run("chat", "--provider", "bedrock", "hi");

    assertUsageError(result, "--provider", "playground, workers-ai, openai", "bedrock");
  }

  @Test
  void theProviderNameIgnoresCase() {
    Result result = CliRunner.run("", Map.of(), "chat", "--provider", "Workers-AI", "hi");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.AUTH);
  }

  @Test
  void workersAiOptionsAreRefusedForThePlayground() {
    assertUsageError(CliRunner.run("chat", "--provider", "playground", "--gateway", "a/b", "hi"),
        "'--gateway'", "workers-ai or openai", "not playground");
    assertUsageError(CliRunner.run("chat", "--account-id", "abc", "hi"),
        "'--account-id'", "not playground", "CLOUDFLARE_ACCOUNT_ID");
    assertUsageError(CliRunner.run("models", "--api-token-file", "/no/such/file"),
        "'--api-token-file'", "not playground");
  }

  @Test
  void playgroundOptionsAreRefusedForWorkersAi() {
    assertUsageError(CliRunner.run("", CREDENTIALS, "chat", "--base-url", NOWHERE,
            "--transport", "agents", "hi"),
        "'--transport'", "for --provider playground", "not workers-ai", "are both set");
    assertUsageError(CliRunner.run("", Map.of(), "chat", "--provider", "openai",
            "--base-url", NOWHERE, "--no-browser", "hi"),
        "'--no-browser'", "for --provider playground", "not openai");
  }

  /** The agent takes a temperature in its state; /api/inference and every other option do not. */
  @Test
  void theBrowserWindowIsRefusedForWorkersAi() {
    assertUsageError(CliRunner.run("", CREDENTIALS, "chat", "--base-url", NOWHERE,
            "--browser-window", "hi"),
        "'--browser-window'", "for --provider playground", "not workers-ai");
    assertUsageError(CliRunner.run("", CREDENTIALS, "models", "--base-url", NOWHERE,
            "--browser-window"),
        "'--browser-window'", "for --provider playground", "not workers-ai");
  }

  @Test
  void theBrowserWindowWithoutABrowserIsAUsageError() {
    assertUsageError(CliRunner.run("", Map.of(), "chat", "--base-url", NOWHERE,
            "--browser-window", "--no-browser", "hi"),
        "'--browser-window'", "'--no-browser'", "cannot be used together");
  }

  @Test
  void samplingOptionsAreRefusedForThePlayground() {
    assertUsageError(CliRunner.run("chat", "--base-url", NOWHERE, "--transport", "inference",
            "--temperature", "0.5", "hi"),
        "'--temperature'", "not taken by Cloudflare AI over --transport inference");
    assertUsageError(CliRunner.run("chat", "--base-url", NOWHERE, "--top-p", "0.5", "hi"),
        "'--top-p'");
    assertUsageError(CliRunner.run("chat", "--base-url", NOWHERE, "--seed", "1", "hi"), "'--seed'");
  }

  @Test
  void theCacheFolderIsRefusedForWorkersAi() {
    Result result = CliRunner.run("", CREDENTIALS, "chat", "--base-url", NOWHERE,
        "--cache-dir", dir.toString(), "hi");

    assertUsageError(result, "'--cache-dir'", "workers-ai");
  }

  @Test
  void aMalformedGatewayIsAUsageError() {
    assertUsageError(CliRunner.run("", CREDENTIALS, "chat", "--gateway", "just-a-name", "hi"),
        "--gateway", "ACCOUNT_ID/GATEWAY_ID");
    assertUsageError(CliRunner.run("", CREDENTIALS, "chat", "--gateway", "a/b/c", "hi"),
        "--gateway");
  }

  @Test
  void aBadBaseUrlIsAUsageErrorForWorkersAi() {
    assertUsageError(CliRunner.run("", CREDENTIALS, "chat", "--base-url", "ftp://example.com", "hi"),
        "Invalid value for option '--base-url'");
    assertUsageError(CliRunner.run("", CREDENTIALS, "chat", "--base-url", "ftp://example.com",
        "--gateway", "a/b", "hi"), "Invalid value for option '--base-url'");
  }

  @Test
  void anAccountIdWithASlashIsAUsageError() {
    assertUsageError(CliRunner.run("", CREDENTIALS, "chat", "--base-url", NOWHERE,
        "--account-id", "a/b", "hi"), "account id");
  }

  @Test
  void aMissingTokenFileIsAUsageErrorNamingIt() {
    Path missing = dir.resolve("no-token-here");

    Result result = CliRunner.run("", CREDENTIALS, "chat", "--base-url", NOWHERE,
        "--api-token-file", missing.toString(), "hi");

    assertUsageError(result, "'--api-token-file'", missing.toString(), "no such file");
  }

  @Test
  void anEmptyTokenFileIsAUsageError() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty"), " \n\t\n");

    Result result = CliRunner.run("", CREDENTIALS, "models", "--base-url", NOWHERE,
        "--api-token-file", empty.toString());

    assertUsageError(result, empty.toString(), "it is empty");
  }

  @Test
  void aFolderAsTokenFileIsAUsageError() {
    Result result = CliRunner.run("", CREDENTIALS, "chat", "--base-url", NOWHERE,
        "--api-token-file", dir.toString(), "hi");

    assertUsageError(result, "'--api-token-file'", dir.toString());
  }

  @Test
  void anUnreadableTokenFileIsAUsageError() throws Exception {
    Path locked = Files.writeString(dir.resolve("locked"), "token");
    boolean changed = locked.toFile().setReadable(false, false);
    assumeTrue(changed && !Files.isReadable(locked), "permissions apply (not running as root)");

    Result result = CliRunner.run("", CREDENTIALS, "chat", "--base-url", NOWHERE,
        "--api-token-file", locked.toString(), "hi");

    assertUsageError(result, locked.toString(), "permission denied");
  }

  @Test
  void thereIsNoOptionForTheTokenItself() {
    Result spaced = CliRunner.run("", CREDENTIALS, "chat", "--api-token", "abc", "hi");
    Result joined = CliRunner.run("", CREDENTIALS, "chat", "--api-token=abc", "hi");

    assertUsageError(spaced, "Unknown option: '--api-token'", "CLOUDFLARE_API_TOKEN",
        "--api-token-file");
    assertUsageError(joined, "'--api-token=***'", "CLOUDFLARE_API_TOKEN");
    Result help = CliRunner.run("chat", "--help");
    assertThat(help.out()).contains("--api-token-file").doesNotContainPattern("--api-token[ =]");
  }

  @Test
  void chatAndModelsHelpListTheNewOptionsAndTheEnvironment() {
    for (String command : new String[] {"chat", "models"}) {
      Result help = CliRunner.run(command, "--help");
      assertThat(help.exitCode()).isZero();
      assertThat(help.out())
          .contains("--provider", "playground|workers-ai|openai", "--account-id", "--gateway",
              "--api-token-file", "Environment:", "CLOUDFLARE_ACCOUNT_ID", "CLOUDFLARE_API_TOKEN",
              "FLARE4J_BASE_URL");
    }
    assertThat(CliRunner.run("chat", "--help").out()).contains("--temperature", "--top-p", "--seed");
  }
}
