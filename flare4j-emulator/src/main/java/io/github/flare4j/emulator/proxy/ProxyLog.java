package io.github.flare4j.emulator.proxy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** What a {@link TestProxy} did: the targets it handled and the failed authentications. */
final class ProxyLog {

    private final List<String> targets = new CopyOnWriteArrayList<>();
    private final AtomicInteger authFailures = new AtomicInteger();

    void handled(String target) {
        targets.add(target);
    }

    void authFailed() {
        authFailures.incrementAndGet();
    }

    List<String> targets() {
        return List.copyOf(targets);
    }

    int authFailures() {
        return authFailures.get();
    }
}
