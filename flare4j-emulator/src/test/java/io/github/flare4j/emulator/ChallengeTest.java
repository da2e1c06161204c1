package io.github.flare4j.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The opt-in JavaScript challenge in front of every route. */
class ChallengeTest {

    private static final Pattern COOKIE = Pattern.compile("document\\.cookie=\"cf_clearance=([^;\"]+)");
    private static final String CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/156.0.0.0 Safari/537.36";

    private final Emulator emulator = Emulator.builder().challenge(true).start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        emulator.close();
    }

    @Test
    void requestWithoutClearanceGetsTheJustAMomentPageWithItsScript() throws Exception {
        HttpResponse<String> page = get("/", null, CHROME);

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.headers().firstValue("cf-mitigated")).contains("challenge");
        assertThat(page.body()).contains("<title>Just a moment...</title>", "_cf_chl_opt", "location.reload()");
        assertThat(COOKIE.matcher(page.body()).find()).isTrue();
    }

    @Test
    void theCookieTheScriptSetsLetsEveryRouteThrough() throws Exception {
        String clearance = clearance(get("/", null, CHROME).body());

        assertThat(get("/", clearance, CHROME).statusCode()).isEqualTo(200);
        assertThat(get("/api/models", clearance, CHROME).statusCode()).isEqualTo(200);
    }

    @Test
    void aHeadlessUserAgentIsChallengedEvenWithTheCookie() throws Exception {
        String clearance = clearance(get("/", null, CHROME).body());

        assertThat(get("/", clearance, CHROME.replace("Chrome/", "HeadlessChrome/")).statusCode()).isEqualTo(403);
    }

    @Test
    void aCookieTheEmulatorDidNotIssueIsChallenged() throws Exception {
        assertThat(get("/api/models", "made-up", CHROME).statusCode()).isEqualTo(403);
    }

    @Test
    void challengedRequestsAreRecorded() throws Exception {
        get("/api/models", null, CHROME);

        assertThat(emulator.takeRequest().path()).isEqualTo("/api/models");
    }

    @Test
    void theChallengeIsOffUnlessAskedFor() throws Exception {
        try (Emulator plain = Emulator.start()) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(plain.baseUrl() + "/api/models"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> asked = http.send(HttpRequest.newBuilder(URI.create(plain.baseUrl() + "/api/models"))
                    .header(Emulator.CHALLENGE_HEADER, "on").build(), HttpResponse.BodyHandlers.ofString());

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(asked.statusCode()).isEqualTo(403);
        }
    }

    @Test
    void anUnpassableChallengeServesThePageWithoutTheScriptThatSetsTheCookie() throws Exception {
        try (Emulator stuck = Emulator.builder().unpassableChallenge(true).start()) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(stuck.baseUrl() + "/"))
                    .header("User-Agent", CHROME).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(stuck.baseUrl() + "/api/models"))
                    .header("User-Agent", CHROME).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(page.statusCode()).isEqualTo(403);
            assertThat(page.headers().firstValue("cf-mitigated")).contains("challenge");
            assertThat(page.body()).contains("<title>Just a moment...</title>", "_cf_chl_opt")
                    .doesNotContain("cf_clearance", "location.reload()");
            assertThat(again.statusCode()).isEqualTo(403);
            assertThat(stuck.requestCount()).isEqualTo(2);
        }
    }

    @Test
    void anUnpassableChallengeCanBeTurnedOffWhileRunning() throws Exception {
        try (Emulator stuck = Emulator.builder().unpassableChallenge(true).start()) {
            stuck.challenge(false);

            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(stuck.baseUrl() + "/"))
                    .header("User-Agent", CHROME).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(page.statusCode()).isEqualTo(200);
        }
    }

    private static String clearance(String page) {
        Matcher matcher = COOKIE.matcher(page);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private HttpResponse<String> get(String path, String clearance, String userAgent) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .header("User-Agent", userAgent);
        if (clearance != null) {
            request.header("Cookie", "cf_clearance=" + clearance);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
