package io.github.flare4j.gateway.http;

import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.json.JsonMapper;

/** The gateway's one JSON mapper (immutable, thread-safe). */
public final class Json {
  /**
   * The most parsers' and generators' buffers kept for reuse. Jackson's default pool keeps every
   * set of buffers ever made at once, for good: with a thousand streams starting together that
   * was a thousand sets (about 100 KiB each) held for the life of the process. The work that
   * needs them is bounded by the cores, so a few dozen are reused and the rest collected.
   */
  static final int POOLED_BUFFERS = 32;

  /** Reads request trees and writes reply trees. */
  public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
      .recyclerPool(JsonRecyclerPools.newBoundedPool(POOLED_BUFFERS)).build()).build();

  private Json() {}
}
