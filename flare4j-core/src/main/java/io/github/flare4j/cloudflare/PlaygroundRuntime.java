package io.github.flare4j.cloudflare;

import io.github.flare4j.CallOptions;
import io.github.flare4j.ChatRequest;
import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.http.ProxySpec;
import io.github.flare4j.http.Timeouts;
import io.github.flare4j.internal.call.CallDefaults;
import io.github.flare4j.internal.http.HttpClients;
import io.github.flare4j.internal.http.SetCookies;
import io.github.flare4j.internal.http.StatusErrors;
import io.github.flare4j.internal.http.StreamingCall;
import io.github.flare4j.internal.model.ModelCatalog;
import io.github.flare4j.provider.ModelInfo;
import io.github.flare4j.spi.ArgsAcquirer;
import io.github.flare4j.provider.CredentialStore;
import io.github.flare4j.spi.SessionArgs;
import io.github.flare4j.spi.WebSocketRelay;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Everything a playground call works with, behind the public {@link Cloudflare}: the URLs, the
 * HTTP client and limits, the proxy, the transport, the browser relay, the session (credentials,
 * the transport that worked) and the model list's cache. The attempts, the session and the model
 * fetch take this, never the public class. Thread-safe.
 */
final class PlaygroundRuntime {
  static final Duration MODELS_TIMEOUT = Duration.ofSeconds(60);

  final String label;
  final HttpUrl baseUrl;
  final String url;
  final OkHttpClient client;
  final Timeouts timeouts;
  final ProxySpec proxy;
  final Transport transport;
  final WebSocketRelay relay;
  final boolean hasBrowser;
  final PlaygroundSession session;
  final ModelCatalog catalog;
  final CallDefaults callDefaults;
  /** What a challenge says when there is no browser to pass it: why there is none. */
  final String noBrowserAdvice;
  /** The browser's name, for progress events: e.g. {@code "headless Chromium"}. */
  final String browserName;

  PlaygroundRuntime(String label, HttpUrl baseUrl, OkHttpClient client, Timeouts timeouts,
      ProxySpec proxy, Transport transport, WebSocketRelay relay, ArgsAcquirer acquirer,
      CredentialStore store, String storeKey, CallDefaults callDefaults, String noBrowserAdvice,
      String browserName) {
    this.label = label;
    this.baseUrl = baseUrl;
    this.url = stripTrailingSlash(baseUrl.toString());
    this.client = client;
    this.timeouts = timeouts;
    this.proxy = proxy;
    this.transport = transport;
    this.relay = relay;
    this.hasBrowser = acquirer != null;
    this.callDefaults = callDefaults;
    this.noBrowserAdvice = noBrowserAdvice;
    this.browserName = browserName == null || browserName.isBlank() ? "the browser" : browserName;
    this.session = new PlaygroundSession(acquirer, store, storeKey, Clock.systemUTC(),
        this::defaultArgs);
    this.catalog = new ModelCatalog(label, PlaygroundModels.DEFAULT_MODEL,
        PlaygroundModels.ALIASES, Map.of());
  }

  /** The Agents socket's URL for an agent instance. */
  String agentsUrl(String instanceName) {
    String scheme = baseUrl.isHttps() ? "wss" : "ws";
    return scheme + url.substring(url.indexOf(':')) + Cloudflare.AGENTS_PATH + "/" + instanceName;
  }

  String apiEndpoint() {
    return url + Cloudflare.API_ENDPOINT;
  }

  String modelsUrl() {
    return url + Cloudflare.MODELS_PATH;
  }

  /** The call's proxy, else the provider's, else none. */
  ProxySpec proxyFor(CallOptions call) {
    return call.proxy().orElse(proxy);
  }

  OkHttpClient clientFor(CallOptions call, Duration total) {
    return HttpClients.forRequest(client, proxyFor(call), timeouts, total);
  }

  /** The transport that worked last, from memory or the credential store. */
  Optional<Transport> workedTransport() {
    return session.workedTransport();
  }

  String challengeAdvice() {
    return hasBrowser
        ? "The browser's credentials were not accepted; try again later"
        : noBrowserAdvice;
  }

  SessionArgs defaultArgs(Map<String, String> cookies) {
    HttpUrl origin = baseUrl.newBuilder().encodedPath("/").build();
    return BrowserHeaders.defaults(stripTrailingSlash(origin.toString()), url + "/", cookies);
  }

  /**
   * The model for {@code /api/inference} by {@link io.github.flare4j.internal.model.ModelResolver}'s
   * rule: an empty name against the cached list; an alias or a short name against the service's
   * list, fetched the way the call goes ({@code GET /api/models}, then cached) when none is
   * cached; an id as given.
   */
  String modelFor(ChatRequest request, CallOptions call) {
    return catalog.resolve(request.model(), () -> fetchListedModels(proxyFor(call)),
        Optional.empty());
  }

  /**
   * The service's models: the agent's {@code getModels} RPC, then {@code GET /api/models}; only
   * the latter with {@link Transport#INFERENCE}.
   *
   * @throws Flare4jException when the list cannot be had; the message names each way that failed
   */
  List<ModelInfo> fetchModels(ProxySpec via) {
    if (transport == Transport.INFERENCE) {
      return fetchListedModels(via);
    }
    Flare4jException rpcFailed;
    try {
      return AgentModels.fetch(this, via, MODELS_TIMEOUT);
    } catch (Flare4jException e) {
      rpcFailed = e;
    }
    try {
      return fetchListedModels(via);
    } catch (Flare4jException httpFailed) {
      Flare4jException both = new Flare4jException("the agent's getModels failed ("
          + rpcFailed.getMessage() + "), and so did the older list (" + httpFailed.getMessage()
          + ")", httpFailed);
      both.addSuppressed(rpcFailed);
      throw both;
    }
  }

  /** {@code GET /api/models}, the older playground's list. */
  List<ModelInfo> fetchListedModels(ProxySpec via) {
    SessionArgs current = session.current().orElseGet(() -> defaultArgs(Map.of()));
    Request request = new Request.Builder()
        .url(modelsUrl())
        .headers(PlaygroundRequests.headers(current))
        .get()
        .build();
    StreamingCall call = StreamingCall.prepare(
        HttpClients.forRequest(client, via, timeouts, MODELS_TIMEOUT), request, timeouts,
        MODELS_TIMEOUT);
    try (call) {
      Response response = call.execute();
      if (!response.isSuccessful()) {
        throw StatusErrors.of(response, call.endpoint(), challengeAdvice(),
            StatusErrors.SESSION_ADVICE);
      }
      session.update(old -> SetCookies.merge(old, response));
      return ModelListParser.parse(call, response);
    }
  }

  private static String stripTrailingSlash(String value) {
    return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
  }
}
