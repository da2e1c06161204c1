package io.github.flare4j.cloudflare;

import io.github.flare4j.provider.ModelInfo;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Agents protocol frames on plain strings, shapes taken from the recorded transcripts. */
class AgentsFramesTest {

  @Test
  void responseFrameFromTheTranscriptIsRead() {
    AgentsFrames.Frame frame = AgentsFrames.parse("{\"body\":\"{\\\"type\\\":\\\"text-delta\\\","
        + "\\\"id\\\":\\\"t0\\\",\\\"delta\\\":\\\"tok0\\\"}\",\"done\":false,\"id\":\"5d411aaf\","
        + "\"type\":\"cf_agent_use_chat_response\",\"seq\":3}");

    assertThat(frame.isResponseTo("5d411aaf")).isTrue();
    assertThat(frame.body()).isEqualTo("{\"type\":\"text-delta\",\"id\":\"t0\",\"delta\":\"tok0\"}");
    assertThat(frame.done()).isFalse();
    assertThat(frame.error()).isFalse();
  }

  @Test
  void errorAndDoneFramesFromTheErrorTranscriptAreRead() {
    AgentsFrames.Frame error = AgentsFrames.parse("{\"error\":true,\"body\":\"mock model failure\","
        + "\"done\":false,\"id\":\"290b8c03\",\"type\":\"cf_agent_use_chat_response\","
        + "\"messageIds\":[\"a82a3e7db4f747ec\"]}");
    AgentsFrames.Frame done = AgentsFrames.parse("{\"body\":\"\",\"done\":true,\"id\":\"290b8c03\","
        + "\"type\":\"cf_agent_use_chat_response\",\"outcome\":\"error\",\"messageIds\":[\"a\"]}");

    assertThat(error.error()).isTrue();
    assertThat(error.body()).isEqualTo("mock model failure");
    assertThat(done.done()).isTrue();
    assertThat(done.outcome()).isEqualTo("error");
  }

  @Test
  void otherFramesAreNotResponses() {
    AgentsFrames.Frame identity = AgentsFrames.parse(
        "{\"type\":\"cf_agent_identity\",\"name\":\"wire-demo\",\"agent\":\"playground\"}");

    assertThat(identity.isResponseTo("wire-demo")).isFalse();
  }

  /** Frames a real agent (workerd, agents 0.32.0) sends besides the reply, some with an {@code id}. */
  @Test
  void realAgentsOtherFramesAreNotResponsesEvenWithTheRequestId() {
    List<String> frames = List.of(
        "{\"type\":\"cf_agent_identity\",\"name\":\"t2\",\"agent\":\"playground\",\"stateFollows\":true}",
        "{\"type\":\"cf_agent_state\",\"state\":{\"model\":\"m\",\"system\":\"s\",\"max_tokens\":50}}",
        "{\"state\":{\"model\":\"m2\"},\"type\":\"cf_agent_state\"}",
        "{\"messages\":[{\"id\":\"uq1\",\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"text\":\"hi\"}]}],"
            + "\"type\":\"cf_agent_chat_messages\"}",
        "{\"type\":\"cf_agent_stream_resuming\",\"id\":\"q1\"}",
        "{\"type\":\"cf_agent_stream_resume_none\",\"reason\":\"idle\",\"probeId\":\"q1\"}");

    for (String frame : frames) {
      assertThat(AgentsFrames.parse(frame).isResponseTo("q1")).as(frame).isFalse();
    }
  }

  @Test
  void chatRequestCarriesUiMessagesAsAJsonStringBodyAndNothingElse() {
    String frame = AgentsFrames.chatRequest("5d411aaf",
        List.of(Message.system("Be brief."), Message.user("3")));

    String body = frame.replaceAll("\\\\\"", "'");
    assertThat(body).matches("\\{\"id\":\"5d411aaf\",\"init\":\\{\"method\":\"POST\",\"body\":\"\\{'messages':"
        + "\\[\\{'id':'[0-9a-f]{16}','role':'user','parts':\\[\\{'type':'text','text':'3'}]}],"
        + "'trigger':'submit-message'}\"},\"type\":\"cf_agent_use_chat_request\"}");
    assertThat(frame)
        .doesNotContain("Be brief.", "model", "max_tokens")
        .endsWith("\"},\"type\":\"cf_agent_use_chat_request\"}");
  }

  @Test
  void resumeProbeAndRpcAreTheWebAppsFrames() {
    assertThat(AgentsFrames.resumeRequest("d3ae5b9a"))
        .isEqualTo("{\"type\":\"cf_agent_stream_resume_request\",\"probeId\":\"d3ae5b9a\"}");
    assertThat(AgentsFrames.rpc("r1", "getModels"))
        .isEqualTo("{\"type\":\"rpc\",\"id\":\"r1\",\"method\":\"getModels\",\"args\":[]}");
  }

  @Test
  void getModelsAnswerIsReadAsModelObjectsOfEveryTask() {
    AgentsFrames.Frame frame = AgentsFrames.parse("{\"type\":\"rpc\",\"id\":\"r1\",\"success\":true,"
        + "\"result\":[{\"id\":\"u1\",\"name\":\"@cf/moonshotai/kimi-k2.6\",\"description\":\"d\","
        + "\"task\":{\"id\":\"t\",\"name\":\"Text Generation\",\"description\":\"x\"},"
        + "\"properties\":[{\"property_id\":\"context_window\",\"value\":\"262144\"}]},"
        + "{\"name\":\"@cf/baai/bge-base-en-v1.5\",\"task\":{\"name\":\"Text Embeddings\"}},"
        + "{\"name\":\"@cf/openai/gpt-oss-20b\",\"task\":{\"name\":\"Text Generation\"}}],"
        + "\"done\":true}");
    AgentsFrames.Frame failed = AgentsFrames.parse(
        "{\"type\":\"rpc\",\"id\":\"r2\",\"success\":false,\"error\":\"no binding\"}");

    assertThat(frame.is(AgentsFrames.RPC, "r1")).isTrue();
    assertThat(frame.success()).isTrue();
    assertThat(frame.models()).extracting(ModelInfo::id).containsExactly("@cf/moonshotai/kimi-k2.6",
        "@cf/baai/bge-base-en-v1.5", "@cf/openai/gpt-oss-20b");
    assertThat(frame.models()).extracting(ModelInfo::task).containsExactly(
        ModelInfo.TEXT_GENERATION, ModelInfo.TEXT_EMBEDDINGS, ModelInfo.TEXT_GENERATION);
    assertThat(frame.models().getFirst().contextWindow()).hasValue(262144);
    assertThat(failed.success()).isFalse();
    assertThat(failed.error()).isFalse();
    assertThat(failed.errorText()).isEqualTo("no binding");
  }

  @Test
  void stateKeepsTheServersFieldsInOrderAndSetsOnlyWhatWasChosen() {
    AgentsFrames.Frame frame = AgentsFrames.parse("{\"type\":\"cf_agent_state\",\"state\":{"
        + "\"model\":\"@cf/moonshotai/kimi-k2.6\",\"temperature\":1,\"stream\":true,"
        + "\"system\":\"You are helpful.\",\"useExternalProvider\":false,"
        + "\"externalProvider\":\"openai\",\"authMethod\":\"provider-key\",\"extra\":{\"a\":[1,2]}}}");

    assertThat(frame.state().model()).contains("@cf/moonshotai/kimi-k2.6");
    assertThat(frame.state().frame("@cf/qwen/qwq-32b", null, null)).isEqualTo(
        "{\"type\":\"cf_agent_state\",\"state\":{\"model\":\"@cf/qwen/qwq-32b\",\"temperature\":1,"
            + "\"stream\":true,\"system\":\"You are helpful.\",\"useExternalProvider\":false,"
            + "\"externalProvider\":\"openai\",\"authMethod\":\"provider-key\",\"extra\":{\"a\":[1,2]}}}");
    assertThat(frame.state().frame("m", "Be \"brief\".", 0.25)).isEqualTo(
        "{\"type\":\"cf_agent_state\",\"state\":{\"model\":\"m\",\"temperature\":0.25,"
            + "\"stream\":true,\"system\":\"Be \\\"brief\\\".\",\"useExternalProvider\":false,"
            + "\"externalProvider\":\"openai\",\"authMethod\":\"provider-key\",\"extra\":{\"a\":[1,2]}}}");
  }

  @Test
  void stateForAnAgentThatSentNoneIsTheWebAppsWhole() {
    assertThat(AgentState.INITIAL.frame("m", null, 0.5)).isEqualTo(
        "{\"type\":\"cf_agent_state\",\"state\":{\"model\":\"m\",\"temperature\":0.5,"
            + "\"stream\":true,\"system\":\"You are a helpful assistant that can do various tasks"
            + " using MCP tools.\",\"useExternalProvider\":false,\"externalProvider\":\"openai\"}}");
  }

  @Test
  void cancelFrameIsTheClientLibrarys() {
    assertThat(AgentsFrames.cancel("5d411aaf"))
        .isEqualTo("{\"id\":\"5d411aaf\",\"type\":\"cf_agent_chat_request_cancel\"}");
  }
}
