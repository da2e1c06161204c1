package io.github.flare4j.workersai;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.ToolDefinition;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.http.Timeouts;
import java.time.Duration;
import okhttp3.OkHttpClient;

/** Builds Workers AI providers pointed at a test's emulator. */
final class WorkersAiFixture {
  /** Short limits so that faults fail fast; generous enough never to trip on a slow machine. */
  static final Timeouts TEST_TIMEOUTS =
      new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(2));
  static final String MODEL = "@cf/meta/llama-3.1-8b-instruct-fp8";
  static final String REASONING_MODEL = "@cf/qwen/qwq-32b";
  static final String GREETING = "Hello! I am the flare4j emulator. How can I help you today?";
  static final ToolDefinition WEATHER = new ToolDefinition("get_weather", "Current weather",
      "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}");

  private WorkersAiFixture() {}

  static WorkersAI rest(Emulator emulator) {
    return rest(emulator, new OkHttpClient());
  }

  /** A provider whose requests all carry the header {@code name: value} (an emulator switch). */
  static WorkersAI rest(Emulator emulator, String name, String value) {
    return rest(emulator, withHeader(name, value));
  }

  static WorkersAI rest(Emulator emulator, OkHttpClient client) {
    return WorkersAI.builder()
        .accountId(emulator.accountId())
        .apiToken(emulator.apiToken())
        .baseUrl(emulator.baseUrl())
        .timeouts(TEST_TIMEOUTS)
        .httpClient(client)
        .build();
  }

  static WorkersAIOpenAI openAi(Emulator emulator) {
    return openAi(emulator, new OkHttpClient());
  }

  static WorkersAIOpenAI openAi(Emulator emulator, OkHttpClient client) {
    return WorkersAIOpenAI.builder()
        .accountId(emulator.accountId())
        .apiToken(emulator.apiToken())
        .baseUrl(emulator.baseUrl())
        .timeouts(TEST_TIMEOUTS)
        .httpClient(client)
        .build();
  }

  static OkHttpClient withHeader(String name, String value) {
    return new OkHttpClient.Builder()
        .addInterceptor(chain -> chain.proceed(
            chain.request().newBuilder().header(name, value).build()))
        .build();
  }

  static ChatRequest ask(String text) {
    return ChatRequest.builder().model(MODEL).user(text).build();
  }

  static ChatRequest weather() {
    return ChatRequest.builder().model(MODEL).user("What is the weather in Paris?").tool(WEATHER)
        .build();
  }
}
