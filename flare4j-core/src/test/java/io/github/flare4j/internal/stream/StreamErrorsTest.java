package io.github.flare4j.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.error.RateLimitException;
import io.github.flare4j.error.StreamProtocolException;
import org.junit.jupiter.api.Test;

/** How an error reported inside a stream is classified, on plain strings. */
class StreamErrorsTest {
  static final String ENDPOINT = "WebSocket ws://127.0.0.1:1/agents/playground/x";
  static final String DETAILS = "3021: rate limiting: inference request per min rate reached";

  @Test
  void theLiveJsonBodyIsARateLimitInTheServicesWords() {
    Flare4jException error = StreamErrors.serviceError(ENDPOINT,
        "{\"message\":\"Inference failed\",\"details\":\"" + DETAILS + "\"}");

    assertThat(error).isInstanceOf(RateLimitException.class)
        .hasMessage(ENDPOINT + " reported a rate limit: Inference failed (" + DETAILS
            + "). Wait a minute before trying again")
        .hasMessageNotContaining("{").hasMessageNotContaining("\"details\"");
    RateLimitException limit = (RateLimitException) error;
    assertThat(limit.status()).isZero();
    assertThat(limit.code()).isEqualTo(3021);
    assertThat(limit.retryAfter()).isEmpty();
    assertThat(limit.endpoint()).isEqualTo(ENDPOINT);
  }

  @Test
  void thePlainTextIsTheSameRateLimit() {
    Flare4jException error = StreamErrors.serviceError(ENDPOINT, DETAILS);

    assertThat(error).isInstanceOf(RateLimitException.class)
        .hasMessage(ENDPOINT + " reported a rate limit: " + DETAILS
            + ". Wait a minute before trying again");
    assertThat(((RateLimitException) error).code()).isEqualTo(3021);
    assertThat(((RateLimitException) error).serviceError()).get()
        .satisfies(e -> assertThat(e.message())
            .isEqualTo("rate limiting: inference request per min rate reached"));
  }

  @Test
  void eachWorkersAiRateLimitCodeIsARateLimitWithItsAdvice() {
    assertThat(StreamErrors.serviceError(ENDPOINT, "3040: Capacity temporarily exceeded"))
        .isInstanceOf(RateLimitException.class).hasMessageContaining("out of capacity")
        .extracting(e -> ((RateLimitException) e).code()).isEqualTo(3040);
    assertThat(StreamErrors.serviceError(ENDPOINT,
            "{\"errors\":[{\"code\":3036,\"message\":\"Account limited\"}],\"success\":false}"))
        .isInstanceOf(RateLimitException.class).hasMessageContaining("Account limited")
        .hasMessageContaining("00:00 UTC")
        .extracting(e -> ((RateLimitException) e).code()).isEqualTo(3036);
  }

  @Test
  void textThatSaysItIsARateLimitIsOneWithoutACode() {
    assertThat(StreamErrors.serviceError(ENDPOINT, "Rate limit exceeded, slow down"))
        .isInstanceOf(RateLimitException.class)
        .extracting(e -> ((RateLimitException) e).code()).isEqualTo(0);
    assertThat(StreamErrors.serviceError(ENDPOINT, "{\"error\":\"Too Many Requests\"}"))
        .isInstanceOf(RateLimitException.class).hasMessageContaining(": Too Many Requests.");
  }

  @Test
  void otherErrorsStayProtocolErrorsShowingTheMessageNotTheJson() {
    Flare4jException error = StreamErrors.serviceError(ENDPOINT,
        "{\"message\":\"Model crashed\",\"details\":\"5016: out of memory\"}");

    assertThat(error).isExactlyInstanceOf(StreamProtocolException.class)
        .hasMessage(ENDPOINT + " reported an error in the stream: Model crashed (5016: out of memory)");
    assertThat(((StreamProtocolException) error).serviceMessage())
        .isEqualTo("Model crashed (5016: out of memory)");
  }

  @Test
  void aNumberThatIsNoCodeIsNoRateLimit() {
    assertThat(StreamErrors.serviceError(ENDPOINT, "the prompt of 3040 tokens is too long"))
        .isExactlyInstanceOf(StreamProtocolException.class);
    assertThat(StreamErrors.serviceError(ENDPOINT, "mock model failure"))
        .isExactlyInstanceOf(StreamProtocolException.class)
        .hasMessageEndingWith(": mock model failure");
  }

  @Test
  void controlCharactersAreEscapedAndNothingIsAnUnknownError() {
    assertThat(StreamErrors.serviceError(ENDPOINT, "3021: rate\u001b[2J limited\u0007"))
        .isInstanceOf(RateLimitException.class)
        .hasMessageContaining("rate\\u001b[2J limited\\u0007")
        .hasMessageNotContaining("\u001b");
    assertThat(StreamErrors.serviceError(ENDPOINT, null)).hasMessageEndingWith(": unknown error");
    assertThat(StreamErrors.serviceError(ENDPOINT, " ")).hasMessageEndingWith(": unknown error");
  }

  @Test
  void aRelayed5035IsThePaidPlanRefusalNamingTheModel() {
    Flare4jException error = StreamErrors.serviceError(ENDPOINT,
        "{\"message\":\"AiError\",\"details\":\"5035: This model requires the Workers Paid"
            + " plan\"}", "@cf/zai-org/glm-5.2", java.util.List.of("@cf/zai-org/glm-5.3"));

    assertThat(error).isInstanceOfSatisfying(
        io.github.flare4j.error.PaidPlanRequiredException.class, paid -> {
          assertThat(paid.code()).isEqualTo(5035);
          assertThat(paid.status()).isEqualTo(403);
          assertThat(paid.getMessage()).contains("@cf/zai-org/glm-5.2", "Workers Paid plan",
              "@cf/zai-org/glm-5.3");
        });
  }
}
