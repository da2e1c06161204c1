/**
 * A local stand-in for Cloudflare's AI playground, for tests and demos.
 *
 * <p>{@link io.github.flare4j.emulator.Emulator} serves {@code GET /api/models} and
 * {@code POST /api/inference} on a loopback port, writing the AI SDK v4 data stream or the v5 UI
 * message stream byte for byte, and injects a {@link io.github.flare4j.emulator.Fault} on demand.
 * Every request is recorded as a {@link io.github.flare4j.emulator.RecordedRequest}.
 * {@link io.github.flare4j.emulator.EmulatorMain} runs one from the command line.
 *
 * <p>This package writes every wire format itself and does not use the flare4j client, so that a
 * misunderstanding of a format shared by client and server cannot hide.
 */
package io.github.flare4j.emulator;
