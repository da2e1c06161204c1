package io.github.flare4j.internal.stream;

import static io.github.flare4j.internal.stream.Decoding.decode;
import static io.github.flare4j.internal.stream.Decoding.wireBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.ChatResult;
import io.github.flare4j.error.StreamProtocolException;
import org.junit.jupiter.api.Test;

class SniffingDecoderTest {
  private static final String ENDPOINT = "POST http://test/api/inference";

  @Test
  void bothPlaygroundFormatsDecodeToTheSameResult() {
    ChatResult v4 = ChatResult.of(decode(new SniffingDecoder(ENDPOINT),
        wireBody("playground-v4-data-stream.http")));
    ChatResult v5 = ChatResult.of(decode(new SniffingDecoder(ENDPOINT),
        wireBody("playground-v5-ui-message-stream.http")));

    assertThat(v4.text()).isEqualTo("tok0 tok1 tok2 tok3 tok4 ");
    assertThat(v5).isEqualTo(v4);
  }

  @Test
  void htmlOrJsonIsNeitherFormat() {
    assertThatThrownBy(() -> decode(new SniffingDecoder(ENDPOINT), "<!DOCTYPE html><html>"))
        .isInstanceOf(StreamProtocolException.class)
        .hasMessageContaining("an HTML page where a reply stream was expected");
    assertThatThrownBy(() -> decode(new SniffingDecoder(ENDPOINT), "{\"error\":\"x\"}"))
        .isInstanceOf(StreamProtocolException.class)
        .hasMessageContaining("one JSON document where a reply stream was expected");
    assertThatThrownBy(() -> decode(new SniffingDecoder(ENDPOINT), "hello there"))
        .isInstanceOf(StreamProtocolException.class)
        .hasMessageContaining("neither");
  }

  @Test
  void emptyBodyFails() {
    assertThatThrownBy(() -> decode(new SniffingDecoder(ENDPOINT), ""))
        .isInstanceOf(StreamProtocolException.class)
        .hasMessageContaining("empty");
  }
}
