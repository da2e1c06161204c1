package io.github.flare4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseInfoTest {

  @Test
  void headersAreFoundWhateverTheirCase() {
    ResponseInfo info = new ResponseInfo(200, Map.of("CF-AIG-Cache-Status", "HIT"));

    assertThat(info.header("cf-aig-cache-status")).hasValue("HIT");
    assertThat(info.header("Cf-Aig-Cache-Status")).hasValue("HIT");
    assertThat(info.header("cf-aig-log-id")).isEmpty();
  }

  @Test
  void setCookieIsNeverKept() {
    ResponseInfo info = new ResponseInfo(200, Map.of("Set-Cookie", "__cf_bm=secret"));

    assertThat(info.headers()).isEmpty();
  }

  @Test
  void streamOfASourceThatKeepsNoInfoHasNone() {
    ChatStream stream = ChatStream.of(new ChatStream.Source() {
      @Override
      public ResponseItem next() {
        return null;
      }

      @Override
      public void close() {}
    });

    assertThat(stream.responseInfo()).isEmpty();
  }
}
