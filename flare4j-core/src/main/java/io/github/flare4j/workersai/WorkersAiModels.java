package io.github.flare4j.workersai;

import io.github.flare4j.internal.model.ModelTable;
import java.util.Map;

/** Workers AI's default model and short aliases: the table shared with the playground. */
final class WorkersAiModels {
  static final String DEFAULT_MODEL = ModelTable.SEED_DEFAULT;

  static final Map<String, String> ALIASES = ModelTable.ALIASES;

  private WorkersAiModels() {}
}
