package io.github.flare4j.workersai;

import io.github.flare4j.internal.model.Aliases;
import java.util.Map;

/** Workers AI's default model and short aliases for its common text generation models. */
final class WorkersAiModels {
  static final String DEFAULT_MODEL = "@cf/meta/llama-3.3-70b-instruct-fp8-fast";

  static final Map<String, String> ALIASES = Aliases.of(
      "deepseek-distill-qwen-32b", "@cf/deepseek-ai/deepseek-r1-distill-qwen-32b",
      "gemma-3-12b", "@cf/google/gemma-3-12b-it",
      "hermes-2-pro-mistral-7b", "@hf/nousresearch/hermes-2-pro-mistral-7b",
      "llama-3.1-8b", "@cf/meta/llama-3.1-8b-instruct-fp8",
      "llama-3.2-1b", "@cf/meta/llama-3.2-1b-instruct",
      "llama-3.2-3b", "@cf/meta/llama-3.2-3b-instruct",
      "llama-3.3-70b", "@cf/meta/llama-3.3-70b-instruct-fp8-fast",
      "llama-4-scout", "@cf/meta/llama-4-scout-17b-16e-instruct",
      "mistral-small-3.1-24b", "@cf/mistralai/mistral-small-3.1-24b-instruct",
      "qwen-2.5-coder-32b", "@cf/qwen/qwen2.5-coder-32b-instruct",
      "qwq-32b", "@cf/qwen/qwq-32b");

  private WorkersAiModels() {}
}
