package io.github.flare4j.cloudflare;

import static io.github.flare4j.cloudflare.PlaygroundFixture.hello;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.ChatResult;
import io.github.flare4j.ChatStream;
import io.github.flare4j.FinishReason;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.ToolDefinition;
import io.github.flare4j.Usage;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.RecordedRequest;
import io.github.flare4j.emulator.ReplyHold;
import io.github.flare4j.emulator.ReplyScript;
import io.github.flare4j.provider.Feature;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code maxTokens} on the Agents socket, whose agent has no such setting: flare4j counts the reply
 * at 4 characters a token, cuts it there with finish reason {@code length} and cancels the turn.
 */
class AgentsMaxTokensTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  static final String GREETING = ReplyScript.GREETING;

  @TempDir Path cacheDir;
  Emulator emulator;

  @BeforeEach
  void start() {
    emulator = Emulator.start();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  Cloudflare provider(Transport transport) {
    return PlaygroundFixture.provider(emulator, cacheDir, transport);
  }

  @Test
  void theAgentsAndAutoTransportsTakeMaxTokens() {
    assertThat(provider(Transport.AGENTS).capabilities().supports(Feature.MAX_TOKENS)).isTrue();
    assertThat(provider(Transport.AUTO).capabilities().supports(Feature.MAX_TOKENS)).isTrue();
  }

  /**
   * The emulator holds the turn long after the cap is reached, so the cancel can only come from
   * the cap, while the turn is under way.
   */
  @Test
  void aLongReplyIsCutAtTheEstimateEndsWithLengthAndTheTurnIsCancelled() {
    emulator.replyTokens(200);
    Cloudflare cloudflare = provider(Transport.AGENTS);
    String whole = cloudflare.complete(ChatRequest.of("Tell me a long story")).text();
    assertThat(whole).hasSizeGreaterThan(400);
    String firstRequest = requestFrame();

    List<ResponseItem> items = new ArrayList<>();
    // released on leaving, so the held turn can end
    try (ReplyHold hold = emulator.holdReply(Emulator.AGENTS_PATH, 60);
        ChatStream stream = cloudflare.stream(
            ChatRequest.builder().user("Tell me a long story").maxTokens(10).build())) {
      stream.forEach(items::add);

      String request = requestFrame();
      assertThat(request).isNotEqualTo(firstRequest);
      String cancel = emulator.takeAgentFrame(WAIT);
      assertThat(cancel).isEqualTo("{\"id\":\"" + request.substring(7, 15)
          + "\",\"type\":\"cf_agent_chat_request_cancel\"}");
    }

    ChatResult capped = ChatResult.of(items);
    assertThat(capped.finishReason()).isEqualTo(new FinishReason("length"));
    assertThat(capped.finishReason().kind()).isEqualTo(FinishReason.Kind.LENGTH);
    assertThat(capped.text()).hasSize(10 * 4);
    assertThat(whole).startsWith(capped.text());
    assertThat(items.getLast()).isEqualTo(new FinishReason("length"));
    assertThat(items).noneMatch(Usage.class::isInstance);
    assertThat(capped.usage()).isEmpty();
  }

  @Test
  void aReplyShorterThanTheCapIsUntouchedAndEndsWithStop() {
    ChatResult result = provider(Transport.AGENTS).complete(
        ChatRequest.builder().user("Hello, how are you?").maxTokens(1000).build());

    assertThat(result.text()).isEqualTo(GREETING);
    assertThat(result.finishReason().kind()).isEqualTo(FinishReason.Kind.STOP);
    emulator.awaitReplyWritten(Emulator.AGENTS_PATH, WAIT); // the turn ran to its end
  }

  /** 59 characters are 15 tokens by the estimate: a cap of 15 keeps all, 14 keeps 56 characters. */
  @Test
  void aReplyThatFitsExactlyIsUntouchedAndOneTokenLessCutsIt() {
    int tokens = (GREETING.length() + 3) / 4;
    Cloudflare cloudflare = provider(Transport.AGENTS);

    ChatResult fits = cloudflare.complete(
        ChatRequest.builder().user("Hello, how are you?").maxTokens(tokens).build());
    ChatResult over = cloudflare.complete(
        ChatRequest.builder().user("Hello, how are you?").maxTokens(tokens - 1).build());

    assertThat(fits.text()).isEqualTo(GREETING);
    assertThat(fits.finishReason().kind()).isEqualTo(FinishReason.Kind.STOP);
    assertThat(over.text()).isEqualTo(GREETING.substring(0, (tokens - 1) * 4));
    assertThat(over.finishReason().kind()).isEqualTo(FinishReason.Kind.LENGTH);
  }

  /** "Let me think about this." is 24 characters, 6 tokens: 2 tokens of text are left. */
  @Test
  void reasoningCountsTowardsTheCap() {
    ChatResult result = provider(Transport.AGENTS).complete(ChatRequest.builder()
        .model(ReplyScript.QWQ).user("Hello, how are you?").maxTokens(8).build());

    assertThat(result.reasoning()).isEqualTo(String.join("", ReplyScript.REASONING));
    assertThat(result.text()).isEqualTo(GREETING.substring(0, 8));
    assertThat(result.finishReason().kind()).isEqualTo(FinishReason.Kind.LENGTH);
  }

  @Test
  void autoCapsATurnOnTheSocket() {
    emulator.replyTokens(200);

    ChatResult result = provider(Transport.AUTO).complete(
        ChatRequest.builder().user("Tell me a long story").maxTokens(5).build());

    assertThat(emulator.takeRequest().path()).startsWith(Emulator.AGENTS_PATH);
    assertThat(result.text()).isEqualTo(String.join("", ReplyScript.filler(200)).substring(0, 20));
    assertThat(result.finishReason().kind()).isEqualTo(FinishReason.Kind.LENGTH);
  }

  /**
   * A turn with tools goes to /api/inference, which takes max_tokens itself (the emulator's cuts
   * after that many words): nothing is counted on this side there.
   */
  @Test
  void autoSendsMaxTokensToInferenceAndDoesNotCapItThere() {
    emulator.replyTokens(200);

    ChatResult result = provider(Transport.AUTO).complete(ChatRequest.builder()
        .user("Tell me a long story").maxTokens(10)
        .tool(new ToolDefinition("get_weather", "The weather in a city",
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}"))
        .build());

    RecordedRequest sent = emulator.takeRequest();
    assertThat(sent.path()).isEqualTo(Emulator.INFERENCE_PATH);
    assertThat(sent.body()).contains("\"max_tokens\":10");
    assertThat(result.text()).isEqualTo(String.join("", ReplyScript.filler(10)));
    assertThat(result.text()).hasSizeGreaterThan(10 * 4);
    assertThat(result.finishReason().kind()).isEqualTo(FinishReason.Kind.LENGTH);
  }

  /** The next chat request the emulator received, skipping the frames before it. */
  private String requestFrame() {
    String frame = emulator.takeAgentFrame(WAIT);
    while (!frame.contains("cf_agent_use_chat_request")) {
      frame = emulator.takeAgentFrame(WAIT);
    }
    return frame;
  }
}
