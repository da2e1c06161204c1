package io.github.flare4j.emulator.workersai;

import io.github.flare4j.emulator.Emulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh emulator for each test, its test account's bearer header, and its Workers AI paths. */
abstract class RouteTestBase {
    Emulator emulator;
    String bearer;

    @BeforeEach
    void startEmulator() {
        emulator = Emulator.start();
        bearer = "Authorization: Bearer " + emulator.apiToken();
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    /** {@code /client/v4/accounts/{id}/ai/} followed by {@code rest}. */
    String ai(String rest) {
        return "/client/v4/accounts/" + emulator.accountId() + "/ai/" + rest;
    }

    /** The REST API's path for {@code model}. */
    String run(String model) {
        return ai("run/" + model);
    }
}
