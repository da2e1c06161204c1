package io.github.flare4j.gateway.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import io.github.flare4j.Flare4j;
import io.github.flare4j.cloudflare.Cloudflare;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.gateway.Gateway;
import io.github.flare4j.workersai.WorkersAIOpenAI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway on an ephemeral port in front of the emulator: the playground (Agents socket, the
 * default) as {@code playground}, and Workers AI's OpenAI-compatible API as {@code workers-ai}.
 * The client does not retry, so a fault the emulator injects reaches the gateway's client.
 */
abstract class ChatGatewayFixture {
  static final String WORKERS_MODEL = "workers-ai/@cf/meta/llama-3.1-8b-instruct-fp8";
  /** A model whose listing says it calls functions. */
  static final String TOOL_MODEL = "workers-ai/@cf/meta/llama-3.3-70b-instruct-fp8-fast";
  static final String REASONING_MODEL = "workers-ai/@cf/qwen/qwq-32b";
  static final String GREETING = "Hello! I am the flare4j emulator. How can I help you today?";

  @TempDir Path cacheDir;
  Emulator emulator;
  Flare4j flare4j;
  Gateway gateway;
  private OpenAIClient client;

  @BeforeEach
  void startGateway() {
    emulator = Emulator.start();
    flare4j = Flare4j.builder().cacheDirectory(cacheDir).noBrowser().maxRetries(0).build();
    Cloudflare playground = Cloudflare.builder().client(flare4j).baseUrl(emulator.baseUrl())
        .build();
    WorkersAIOpenAI workers = WorkersAIOpenAI.builder().client(flare4j)
        .accountId(emulator.accountId()).apiToken(emulator.apiToken())
        .baseUrl(emulator.baseUrl()).build();
    gateway = Gateway.builder().provider("playground", playground).provider("workers-ai", workers)
        .port(0).build().start();
  }

  @AfterEach
  void stopGateway() {
    if (client != null) {
      client.close(); // lets its pooled connections go, so the gateway stops without waiting
    }
    gateway.close();
    flare4j.close();
    emulator.close();
  }

  /** The playground's first model, as a client names it (the default provider: no prefix). */
  String playgroundModel() {
    return emulator.models().getFirst();
  }

  /** The official client, strict about the shapes it reads, without retries. */
  OpenAIClient sdk() {
    if (client == null) {
      client = OpenAIOkHttpClient.builder().baseUrl(gateway.uri() + "/v1").apiKey("unused")
          .maxRetries(0).responseValidation(true).build();
    }
    return client;
  }

  /** The Workers AI OpenAI-compatible route's path on the emulator. */
  String workersChatPath() {
    return "/client/v4/accounts/" + emulator.accountId() + "/ai/v1/chat/completions";
  }
}
