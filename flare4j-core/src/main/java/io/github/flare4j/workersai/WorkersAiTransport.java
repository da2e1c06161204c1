package io.github.flare4j.workersai;

import io.github.flare4j.CallOptions;
import io.github.flare4j.ChatRequest;
import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.error.ModelNotFoundException;
import io.github.flare4j.http.ProxySpec;
import io.github.flare4j.http.Timeouts;
import io.github.flare4j.internal.call.CallDefaults;
import io.github.flare4j.internal.http.HttpClients;
import io.github.flare4j.internal.http.StreamingCall;
import io.github.flare4j.internal.model.EmbeddingModels;
import io.github.flare4j.internal.model.ModelCatalog;
import io.github.flare4j.internal.model.ModelResolver;
import io.github.flare4j.internal.workersai.ErrorEnvelopes;
import io.github.flare4j.internal.workersai.ModelSearchPage;
import io.github.flare4j.provider.ChatProvider;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * What both Workers AI providers share: the account, token, URLs, the HTTP client and the model
 * list. Immutable apart from the model cache; thread-safe. Never shows the token.
 */
final class WorkersAiTransport {
  static final int MODELS_PER_PAGE = 100;
  private static final int MAX_MODEL_PAGES = 50;
  private static final Duration MODELS_TIMEOUT = Duration.ofSeconds(60);

  private final String accountId;
  private final String apiToken;
  private final HttpUrl baseUrl;
  private final OkHttpClient client;
  private final Timeouts timeouts;
  private final ProxySpec proxy;
  private final AiGateway gateway;
  private final CallDefaults callDefaults;
  private final ModelCatalog models = new ModelCatalog(
      () -> ModelCatalog.builtIn(WorkersAiModels.DEFAULT_MODEL, WorkersAiModels.ALIASES));

  WorkersAiTransport(String accountId, String apiToken, HttpUrl baseUrl, OkHttpClient client,
      Timeouts timeouts, ProxySpec proxy, AiGateway gateway, CallDefaults callDefaults) {
    this.accountId = accountId;
    this.apiToken = apiToken;
    this.baseUrl = baseUrl;
    this.client = client != null ? client : HttpClients.newSharedClient();
    this.timeouts = timeouts;
    this.proxy = proxy;
    this.gateway = gateway;
    this.callDefaults = callDefaults;
  }

  /** {@code call} with what it leaves unset taken from the provider's client. */
  CallOptions withDefaults(CallOptions call) {
    return callDefaults.apply(call);
  }

  String accountId() {
    return accountId;
  }

  AiGateway gateway() {
    return gateway;
  }

  Timeouts timeouts() {
    return timeouts;
  }

  String baseUrl() {
    String url = baseUrl.toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** {@code {base}/client/v4/accounts/{account}/ai}. */
  private HttpUrl.Builder aiUrl() {
    return baseUrl.newBuilder()
        .addPathSegments("client/v4/accounts")
        .addPathSegment(accountId)
        .addPathSegment("ai");
  }

  /** The REST URL for {@code model}, its slashes kept; through the gateway when there is one. */
  HttpUrl runUrl(String model) {
    return gateway != null ? gateway.runUrl(model) : aiUrl().addPathSegment("run")
        .addPathSegments(model).build();
  }

  /** The OpenAI-compatible URL; through the gateway when there is one. */
  HttpUrl chatCompletionsUrl() {
    return gateway != null ? gateway.chatCompletionsUrl()
        : aiUrl().addPathSegments("v1/chat/completions").build();
  }

  /**
   * The OpenAI-compatible embeddings URL, {@code .../ai/v1/embeddings}; through the gateway when
   * there is one ({@code .../workers-ai/v1/embeddings}).
   */
  HttpUrl embeddingsUrl() {
    return gateway != null ? gateway.runUrl("v1/embeddings")
        : aiUrl().addPathSegments("v1/embeddings").build();
  }

  /**
   * Resolves an embedding request's model by the one rule ({@link ModelResolver}), against the
   * built-in table of embedding models ({@link EmbeddingModels}): the account's list holds text
   * generation models only, so it is not asked.
   *
   * @throws ModelNotFoundException for a short name that matches no embedding model or several
   */
  String resolveEmbeddingModel(String label, String name) {
    return new ModelResolver(label, EmbeddingModels.DEFAULT_MODEL, EmbeddingModels.ALIASES)
        .resolve(name, Optional.empty(), Optional::empty, Optional.empty());
  }

  /** One page of {@code GET .../ai/models/search?task=Text Generation}. */
  HttpUrl modelsUrl(int page) {
    return aiUrl().addPathSegments("models/search")
        .addQueryParameter("task", ModelSearchPage.TEXT_GENERATION)
        .addQueryParameter("page", Integer.toString(page))
        .addQueryParameter("per_page", Integer.toString(MODELS_PER_PAGE))
        .build();
  }

  /** The bearer token, the gateway's headers (when through one) and the call's cookies. */
  Headers headers(CallOptions request) {
    Headers.Builder headers = new Headers.Builder()
        .add("Authorization", "Bearer " + apiToken)
        .add("Accept", "application/json, text/event-stream");
    if (gateway != null) {
      gateway.requestHeaders().forEach(headers::add);
    }
    if (request != null && !request.cookies().isEmpty()) {
      StringBuilder cookie = new StringBuilder();
      for (Map.Entry<String, String> entry : request.cookies().entrySet()) {
        if (!cookie.isEmpty()) {
          cookie.append("; ");
        }
        cookie.append(entry.getKey()).append('=').append(entry.getValue());
      }
      headers.add("Cookie", cookie.toString());
    }
    return headers.build();
  }

  OkHttpClient clientFor(CallOptions call, Duration total) {
    return HttpClients.forRequest(client, call.proxy().orElse(proxy), timeouts, total);
  }

  /** The cached list, or the fallback when it cannot be had. */
  List<String> cachedModels(ProxySpec via) {
    return models.get(() -> fetchModels(via));
  }

  /**
   * Resolves a request's model by the one rule ({@link ModelResolver}): empty is the default, an
   * id ({@code @cf/..}, {@code @hf/..}) is sent as it is (the service says when it does not know
   * it), an alias or a short name is checked against the account's list, fetched once through the
   * call's proxy; when that list cannot be had, against the built-in one.
   *
   * @throws ModelNotFoundException for an alias whose model is not listed, a name that matches no
   *     listed model or several
   */
  String resolveModel(ChatProvider provider, ChatRequest request, CallOptions call) {
    return new ModelResolver(provider.label(), provider.defaultModel(), provider.modelAliases())
        .resolve(request.model(), models.cached(),
            () -> models.live(() -> fetchModels(call.proxy().orElse(proxy))), Optional.empty());
  }

  /** The account's list when it can be had (cached), else empty. */
  Optional<List<String>> liveModels(ProxySpec via) {
    return models.live(() -> fetchModels(via));
  }

  /**
   * Every text generation model of the account, page by page, through {@code via}.
   *
   * @throws Flare4jException when a page cannot be had
   */
  List<String> fetchModels(ProxySpec via) {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    int seen = 0;
    for (int page = 1; page <= MAX_MODEL_PAGES; page++) {
      ModelSearchPage result = fetchPage(page, via);
      names.addAll(result.models());
      seen += result.entries();
      // The service caps per_page below what was asked: go by the total it reports, else by the
      // page size it says it used.
      int pageSize = result.perPage() > 0 ? result.perPage() : MODELS_PER_PAGE;
      boolean last = result.entries() == 0
          || (result.totalCount() >= 0 ? seen >= result.totalCount()
              : result.entries() < pageSize);
      if (last) {
        break;
      }
    }
    return new ArrayList<>(names);
  }

  private ModelSearchPage fetchPage(int page, ProxySpec via) {
    Request request = new Request.Builder()
        .url(modelsUrl(page))
        .headers(headers(null))
        .get()
        .build();
    StreamingCall call = StreamingCall.prepare(
        HttpClients.forRequest(client, via, timeouts, MODELS_TIMEOUT), request, timeouts,
        MODELS_TIMEOUT);
    try (call) {
      Response response = call.execute();
      if (!response.isSuccessful()) {
        throw ErrorEnvelopes.of(response, call.endpoint(), "Workers AI", "");
      }
      byte[] body;
      try {
        body = call.body().readByteArray(); // each read waits at most the idle limit
      } catch (IOException e) {
        throw call.failure(e, true);
      }
      return ModelSearchPage.parse(body, call.endpoint());
    }
  }

  ProxySpec proxy() {
    return proxy;
  }
}
