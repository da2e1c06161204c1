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
import io.github.flare4j.provider.ModelInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
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
  /** Set once by the provider's constructor, which knows the label the messages name. */
  private volatile ModelCatalog models;

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

  /** The provider's catalogue: the account's models (chat and embedding) and its name rule. */
  ModelCatalog catalog(String label) {
    if (models == null) {
      models = new ModelCatalog(label, WorkersAiModels.DEFAULT_MODEL, WorkersAiModels.ALIASES,
          EmbeddingModels.ALIASES);
    }
    return models;
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
   * built-in table of embedding models ({@link EmbeddingModels}): the account's list is not
   * asked, so that an embedding never waits for it.
   *
   * @throws ModelNotFoundException for a short name that matches no embedding model or several
   */
  String resolveEmbeddingModel(String name) {
    return models.resolveEmbedding(name);
  }

  /**
   * One page of {@code GET .../ai/models/search}, every task (the catalogue keeps the chat and
   * embedding models; the service's task filter has been unreliable, and takes one task only).
   */
  HttpUrl modelsUrl(int page) {
    return aiUrl().addPathSegments("models/search")
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

  /** The cached chat models' ids, or the built-in ones when the list cannot be had. */
  List<String> cachedModels(ProxySpec via) {
    return models.get(() -> fetchModels(via));
  }

  /**
   * Fetches the account's list, caches it, and returns its chat models' ids.
   *
   * @throws Flare4jException when a page cannot be had
   */
  List<String> refreshModels(ProxySpec via) {
    return models.refresh(fetchModels(via));
  }

  /** The cached catalogue, or the built-in one when the list cannot be had. */
  List<ModelInfo> catalogue(ProxySpec via) {
    return models.models(() -> fetchModels(via));
  }

  /** The model {@code name} stands for, chat or embedding, as the catalogue describes it. */
  ModelInfo lookup(String name, ProxySpec via) {
    return models.lookup(name, () -> fetchModels(via));
  }

  /**
   * Resolves a request's model by the one rule ({@link ModelResolver}): empty is the default, an
   * id ({@code @cf/..}, {@code @hf/..}) is sent as it is (the service says when it does not know
   * it), an alias or a short name is checked against the account's list, fetched once through the
   * call's proxy; when that list cannot be had, against the built-in one.
   *
   * @throws ModelNotFoundException for an alias whose model is not listed, a name that matches no
   *     listed model or several
   * @throws IllegalArgumentException when the list says the model lacks a feature the request
   *     asks for
   */
  String resolveModel(ChatProvider provider, ChatRequest request, CallOptions call) {
    String id = resolveModel(request.model(), call.proxy().orElse(proxy));
    models.checkModel(id, request);
    return id;
  }

  /** {@link #resolveModel(ChatProvider, ChatRequest, CallOptions)} for a name alone. */
  String resolveModel(String name, ProxySpec via) {
    return models.resolve(name, () -> fetchModels(via), Optional.empty());
  }

  /** The account's list when it can be had (cached), else empty. */
  Optional<List<String>> liveModels(ProxySpec via) {
    return models.live(() -> fetchModels(via));
  }

  /**
   * Every model of the account, of every task, page by page, through {@code via}.
   *
   * @throws Flare4jException when a page cannot be had
   */
  List<ModelInfo> fetchModels(ProxySpec via) {
    List<ModelInfo> names = new ArrayList<>();
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
