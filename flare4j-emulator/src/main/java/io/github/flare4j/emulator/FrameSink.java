package io.github.flare4j.emulator;

import java.io.IOException;

/** Where a stream writer sends its frames: each one is written and flushed on its own. */
@FunctionalInterface
interface FrameSink {

    /** Sends one complete frame: a v4 line with its {@code \n}, or a v5 event with its {@code \n\n}. */
    void frame(String frame) throws IOException;
}
