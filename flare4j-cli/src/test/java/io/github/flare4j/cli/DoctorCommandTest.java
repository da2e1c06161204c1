package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.cli.CliRunner.Result;
import io.github.flare4j.emulator.AgentFault;
import io.github.flare4j.emulator.Fault;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code flare4j doctor} against a real emulator, which serves every provider and transport. */
class DoctorCommandTest extends EmulatorTestBase {

  Map<String, String> workersAi() {
    Map<String, String> env = new HashMap<>();
    env.put("CLOUDFLARE_ACCOUNT_ID", emulator.accountId());
    env.put("CLOUDFLARE_API_TOKEN", emulator.apiToken());
    return env;
  }

  Result doctor(Map<String, String> env, String... args) {
    return CliRunner.run("", env, CliRunner.args(List.of(
        "doctor", "--base-url", emulator.baseUrl(), "--cache-dir", cacheDir.toString()), args));
  }

  @Test
  void everyProbePassesAgainstTheEmulator() {
    Result result = doctor(workersAi());

    assertThat(result.exitCode()).as("%s", result).isZero();
    List<String> lines = result.out().lines().toList();
    assertThat(lines.getFirst()).startsWith("flare4j ").contains("base URL " + emulator.baseUrl());
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("ok     playground: Agents socket ("));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("ok     playground: getModels ("));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("ok     playground: POST /api/inference ("));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("ok     playground: GET /api/models ("));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("ok     workers-ai: REST chat ("));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("ok     workers-ai: REST models ("));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("ok     openai: OpenAI-compatible chat ("));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("ok     openai: OpenAI-compatible models ("));
    // no Chromium in the empty environment: said, not failed
    assertThat(lines).anySatisfy(l -> assertThat(l)
        .isEqualTo("skip   playground: Agents socket through Chromium: no Chromium found"));
    assertThat(lines).noneSatisfy(l -> assertThat(l).startsWith("FAIL"));
    assertThat(lines.getLast()).isEqualTo("The default path works.");
    assertThat(result.out()).doesNotContain(emulator.apiToken());
    assertThat(result.err()).isEmpty();
  }

  @Test
  void transportNarrowsThePlaygroundProbesAndNoBrowserSkipsChromium() {
    Result inference = doctor(Map.of(), "--transport", "inference");

    assertThat(inference.exitCode()).as("%s", inference).isZero();
    assertThat(inference.out().lines()).contains(
        "skip   playground: Agents socket: --transport inference",
        "skip   playground: getModels: --transport inference");
    assertThat(inference.out()).contains("ok     playground: POST /api/inference (");
    assertThat(emulator.requests()).noneMatch(r -> r.path().startsWith(
        io.github.flare4j.emulator.Emulator.AGENTS_PATH));

    Result agents = doctor(Map.of(), "--transport", "agents", "--no-browser");
    assertThat(agents.exitCode()).as("%s", agents).isZero();
    assertThat(agents.out().lines()).contains(
        "skip   playground: Agents socket through Chromium: --no-browser",
        "skip   playground: POST /api/inference: --transport agents");
  }

  @Test
  void whenTheOnlyTransportTriedFailsItsExitCodeIsTheCommands() {
    emulator.enqueueFault(Fault.SERVER_ERROR);

    Result result = doctor(Map.of(), "--transport", "inference");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.SERVICE);
    assertThat(result.out()).contains("FAIL   playground: POST /api/inference (")
        .contains("The default path does not work.");
  }

  @Test
  void withoutAnAccountWorkersAiIsSkipped() {
    Result result = doctor(Map.of());

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out().lines()).contains(
        "skip   workers-ai: REST chat: no account id and API token set",
        "skip   openai: OpenAI-compatible models: no account id and API token set");
  }

  @Test
  void aFaultOfInferenceIsShownWithWhatWasSeen() {
    emulator.enqueueFault(Fault.SERVER_ERROR);

    Result result = doctor(Map.of());

    // the Agents socket works: the default path works
    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out().lines()).anySatisfy(line -> assertThat(line)
        .startsWith("FAIL   playground: POST /api/inference (")
        .contains("HTTP 500", "try again later"));
  }

  @Test
  void whenNeitherTransportWorksTheExitCodeIsTheSocketsFailure() {
    emulator.enqueueAgentFault(AgentFault.REFUSE_NON_BROWSER);
    emulator.enqueueFault(Fault.SERVER_ERROR);

    Result result = doctor(Map.of(), "--json");

    Map<String, Object> report = JsonSupport.object(result.out());
    assertThat(report).containsKeys("version", "java", "os", "base_url", "probes");
    assertThat(report.get("base_url")).isEqualTo(emulator.baseUrl().replaceAll("/$", ""));
    assertThat(report.get("default_path_works")).isEqualTo(false);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> probes = (List<Map<String, Object>>) report.get("probes");
    Map<String, Object> socket = probes.getFirst();
    assertThat(socket).containsEntry("name", "playground: Agents socket")
        .containsEntry("status", "failed").containsKeys("millis", "message", "exit_code");
    assertThat(((Number) socket.get("exit_code")).intValue()).isNotZero();
    assertThat(result.exitCode()).as("%s", result)
        .isEqualTo(((Number) socket.get("exit_code")).intValue());
    assertThat(probes).anySatisfy(probe -> assertThat(probe)
        .containsEntry("name", "playground: POST /api/inference")
        .containsEntry("status", "failed").containsEntry("http_status", 500L));
  }
}
