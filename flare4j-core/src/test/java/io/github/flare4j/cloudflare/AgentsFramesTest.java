package io.github.flare4j.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Agents protocol frames on plain strings, shapes taken from the recorded transcripts. */
class AgentsFramesTest {

  @Test
  void responseFrameFromTheTranscriptIsRead() {
    AgentsFrames.Response frame = AgentsFrames.parse("{\"body\":\"{\\\"type\\\":\\\"text-delta\\\","
        + "\\\"id\\\":\\\"t0\\\",\\\"delta\\\":\\\"tok0\\\"}\",\"done\":false,\"id\":\"5d411aaf\","
        + "\"type\":\"cf_agent_use_chat_response\",\"seq\":3}");

    assertThat(frame.isResponseTo("5d411aaf")).isTrue();
    assertThat(frame.body()).isEqualTo("{\"type\":\"text-delta\",\"id\":\"t0\",\"delta\":\"tok0\"}");
    assertThat(frame.done()).isFalse();
    assertThat(frame.error()).isFalse();
  }

  @Test
  void errorAndDoneFramesFromTheErrorTranscriptAreRead() {
    AgentsFrames.Response error = AgentsFrames.parse("{\"error\":true,\"body\":\"mock model failure\","
        + "\"done\":false,\"id\":\"290b8c03\",\"type\":\"cf_agent_use_chat_response\","
        + "\"messageIds\":[\"a82a3e7db4f747ec\"]}");
    AgentsFrames.Response done = AgentsFrames.parse("{\"body\":\"\",\"done\":true,\"id\":\"290b8c03\","
        + "\"type\":\"cf_agent_use_chat_response\",\"outcome\":\"error\",\"messageIds\":[\"a\"]}");

    assertThat(error.error()).isTrue();
    assertThat(error.body()).isEqualTo("mock model failure");
    assertThat(done.done()).isTrue();
    assertThat(done.outcome()).isEqualTo("error");
  }

  @Test
  void otherFramesAreNotResponses() {
    AgentsFrames.Response identity = AgentsFrames.parse(
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
  void chatRequestCarriesUiMessagesAsAJsonStringBody() {
    String frame = AgentsFrames.chatRequest("5d411aaf", "@cf/m",
        List.of(Message.system("Be brief."), Message.user("3")), 100);

    assertThat(frame).startsWith("{\"id\":\"5d411aaf\",\"init\":{\"method\":\"POST\",\"body\":\"{")
        .matches(".*\\\\\"messages\\\\\":\\[\\{\\\\\"id\\\\\":\\\\\"[0-9a-f]{16}\\\\\",\\\\\"role\\\\\":"
            + "\\\\\"user\\\\\",\\\\\"parts\\\\\":\\[\\{\\\\\"type\\\\\":\\\\\"text\\\\\",\\\\\"text\\\\\":"
            + "\\\\\"3\\\\\"}]}],\\\\\"trigger\\\\\":\\\\\"submit-message\\\\\".*")
        .contains("\\\"system\\\":\\\"Be brief.\\\"")
        .endsWith("\"},\"type\":\"cf_agent_use_chat_request\"}");
  }

  @Test
  void cancelFrameIsTheClientLibrarys() {
    assertThat(AgentsFrames.cancel("5d411aaf"))
        .isEqualTo("{\"id\":\"5d411aaf\",\"type\":\"cf_agent_chat_request_cancel\"}");
  }
}
