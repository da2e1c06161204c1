package io.github.flare4j.emulator;

import java.io.IOException;

/** {@value Emulator#REDIRECT_LOOP_PATH}, any method: a {@code 307} back to itself, for ever. */
final class RedirectLoopRoute implements Route {

    @Override
    public void answer(Exchange exchange, RouteCall call) throws IOException {
        StatusFaults.redirect(exchange, 307, Emulator.REDIRECT_LOOP_PATH);
    }
}
