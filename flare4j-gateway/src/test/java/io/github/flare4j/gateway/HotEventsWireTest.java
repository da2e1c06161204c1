package io.github.flare4j.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.emulator.ReplyScript;
import io.github.flare4j.gateway.http.Json;
import io.github.flare4j.workersai.WorkersAIOpenAI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The events sent once per token (chat chunks of content and reasoning, Responses' text deltas,
 * Anthropic's text and thinking deltas) are written from bytes made in advance, not from a tree:
 * each must be exactly what the gateway's mapper writes for the same tree, for text that needs
 * escaping too (quotes, backslashes, control characters, non-ASCII, emoji), on both providers.
 */
class HotEventsWireTest extends GatewayTestBase {
  /** Echoed back word by word by the emulator. */
  private static final String TRICKY = "say \"quoted\" back\\slash a/b tab\tnew\nline \u0001ctl"
      + " \u007fdel é 日本語 😀 </script>";
  private static final String MODEL = "@cf/meta/llama-3.3-70b-instruct-fp8-fast";

  private Gateway start() {
    WorkersAIOpenAI workers = WorkersAIOpenAI.builder().client(flare4j)
        .accountId(emulator.accountId()).apiToken(emulator.apiToken())
        .baseUrl(emulator.baseUrl()).build();
    return gateway().provider("workers-ai", workers).defaultProvider("playground").build().start();
  }

  private List<String[]> events(Gateway gateway, String path, String body) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway.uri().resolve(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<String[]> events = new ArrayList<>();
    for (String event : response.body().split("\n\n")) {
      String name = "";
      String data = null;
      for (String line : event.split("\n")) {
        if (line.startsWith("event: ")) {
          name = line.substring(7);
        } else if (line.startsWith("data: ")) {
          assertThat(data).as("one data line per event").isNull();
          data = line.substring(6);
        }
      }
      if (data != null && !data.equals("[DONE]")) {
        events.add(new String[] {name, data});
      }
    }
    return events;
  }

  /** The data is what the mapper writes for its own tree (same members, order and escapes). */
  private static JsonNode exact(String data) {
    JsonNode tree = Json.MAPPER.readTree(data);
    assertThat(Json.MAPPER.writeValueAsString(tree)).isEqualTo(data);
    return tree;
  }

  private static String text(String value) {
    return Json.MAPPER.writeValueAsString(JsonNodeFactory.instance.stringNode(value));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "workers-ai/"})
  void chatChunksAreTheMappersBytes(String provider) throws Exception {
    try (Gateway gateway = start()) {
      for (String model : List.of(MODEL, ReplyScript.DEEPSEEK_R1)) {
        for (String usage : List.of("", ",\"stream_options\":{\"include_usage\":true}")) {
          StringBuilder content = new StringBuilder();
          StringBuilder reasoning = new StringBuilder();
          for (String[] event : events(gateway, "/v1/chat/completions", "{\"model\":\"" + provider
              + model + "\",\"stream\":true" + usage + ",\"messages\":[{\"role\":\"user\","
              + "\"content\":" + text(TRICKY) + "}]}")) {
            JsonNode chunk = exact(event[1]);
            JsonNode delta = chunk.path("choices").path(0).path("delta");
            if (delta.path("role").isMissingNode()) {
              content.append(delta.path("content").asString(""));
              reasoning.append(delta.path("reasoning_content").asString(""));
            }
          }
          assertThat(content.toString()).isEqualTo("Echo: " + TRICKY);
          if (model.equals(ReplyScript.DEEPSEEK_R1)) {
            assertThat(reasoning.toString()).isEqualTo(String.join("", ReplyScript.REASONING));
          }
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "workers-ai/"})
  void responsesDeltasAreTheMappersBytes(String provider) throws Exception {
    try (Gateway gateway = start()) {
      for (String model : List.of(MODEL, ReplyScript.DEEPSEEK_R1)) {
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        long sequence = 0;
        for (String[] event : events(gateway, "/v1/responses", "{\"model\":\"" + provider + model
            + "\",\"stream\":true,\"input\":" + text(TRICKY) + "}")) {
          JsonNode data = exact(event[1]);
          assertThat(data.path("type").asString()).isEqualTo(event[0]);
          assertThat(data.path("sequence_number").asLong()).isEqualTo(sequence++);
          if (event[0].equals("response.output_text.delta")) {
            text.append(data.path("delta").asString());
          } else if (event[0].equals("response.reasoning_text.delta")) {
            reasoning.append(data.path("delta").asString());
          }
        }
        assertThat(text.toString()).isEqualTo("Echo: " + TRICKY);
        if (model.equals(ReplyScript.DEEPSEEK_R1)) {
          assertThat(reasoning.toString()).isEqualTo(String.join("", ReplyScript.REASONING));
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "workers-ai/"})
  void anthropicDeltasAreTheMappersBytes(String provider) throws Exception {
    try (Gateway gateway = start()) {
      for (String model : List.of(MODEL, ReplyScript.DEEPSEEK_R1)) {
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        for (String[] event : events(gateway, "/v1/messages", "{\"model\":\"" + provider + model
            + "\",\"max_tokens\":200,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":"
            + text(TRICKY) + "}]}")) {
          JsonNode data = exact(event[1]);
          assertThat(data.path("type").asString()).isEqualTo(event[0]);
          if (event[0].equals("content_block_delta")) {
            text.append(data.path("delta").path("text").asString(""));
            thinking.append(data.path("delta").path("thinking").asString(""));
          }
        }
        assertThat(text.toString()).isEqualTo("Echo: " + TRICKY);
        if (model.equals(ReplyScript.DEEPSEEK_R1)) {
          assertThat(thinking.toString()).isEqualTo(String.join("", ReplyScript.REASONING));
        }
      }
    }
  }
}
