package io.github.flare4j.cloudflare;

import io.github.flare4j.internal.model.Aliases;
import java.util.Map;

/** The playground's default model and alias table (from the seed). */
final class PlaygroundModels {
  static final String DEFAULT_MODEL = "@cf/meta/llama-3.3-70b-instruct-fp8-fast";

  static final Map<String, String> ALIASES = Aliases.of(
      "deepseek-coder-6.7b-base", "@hf/thebloke/deepseek-coder-6.7b-base-awq",
      "deepseek-coder-6.7b", "@hf/thebloke/deepseek-coder-6.7b-instruct-awq",
      "deepseek-math-7b", "@cf/deepseek-ai/deepseek-math-7b-instruct",
      "deepseek-distill-qwen-32b", "@cf/deepseek-ai/deepseek-r1-distill-qwen-32b",
      "discolm-german-7b-v1", "@cf/thebloke/discolm-german-7b-v1-awq",
      "falcon-7b", "@cf/tiiuae/falcon-7b-instruct",
      "gemma-3-12b", "@cf/google/gemma-3-12b-it",
      "gemma-7b", "@hf/google/gemma-7b-it",
      "hermes-2-pro-mistral-7b", "@hf/nousresearch/hermes-2-pro-mistral-7b",
      "llama-2-13b", "@hf/thebloke/llama-2-13b-chat-awq",
      "llama-2-7b-fp16", "@cf/meta/llama-2-7b-chat-fp16",
      "llama-2-7b", "@cf/meta/llama-2-7b-chat-int8",
      "llama-3-8b", "@hf/meta-llama/meta-llama-3-8b-instruct",
      "llama-3.1-8b", "@cf/meta/llama-3.1-8b-instruct-fp8",
      "llama-3.2-11b-vision", "@cf/meta/llama-3.2-11b-vision-instruct",
      "llama-3.2-1b", "@cf/meta/llama-3.2-1b-instruct",
      "llama-3.2-3b", "@cf/meta/llama-3.2-3b-instruct",
      "llama-3.3-70b", "@cf/meta/llama-3.3-70b-instruct-fp8-fast",
      "llama-4-scout", "@cf/meta/llama-4-scout-17b-16e-instruct",
      "llama-guard-3-8b", "@cf/meta/llama-guard-3-8b",
      "llamaguard-7b", "@hf/thebloke/llamaguard-7b-awq",
      "mistral-7b-v0.1", "@hf/thebloke/mistral-7b-instruct-v0.1-awq",
      "mistral-7b-v0.2", "@hf/mistral/mistral-7b-instruct-v0.2",
      "mistral-small-3.1-24b", "@cf/mistralai/mistral-small-3.1-24b-instruct",
      "neural-7b-v3-1", "@hf/thebloke/neural-chat-7b-v3-1-awq",
      "openchat-3.5-0106", "@cf/openchat/openchat-3.5-0106",
      "openhermes-2.5-mistral-7b", "@hf/thebloke/openhermes-2.5-mistral-7b-awq",
      "phi-2", "@cf/microsoft/phi-2",
      "qwen1.5-0.5b", "@cf/qwen/qwen1.5-0.5b-chat",
      "qwen-1.5-1.8b", "@cf/qwen/qwen1.5-1.8b-chat",
      "qwen-1.5-14b", "@cf/qwen/qwen1.5-14b-chat-awq",
      "qwen-1.5-7b", "@cf/qwen/qwen1.5-7b-chat-awq",
      "qwen-2.5-coder-32b", "@cf/qwen/qwen2.5-coder-32b-instruct",
      "qwq-32b", "@cf/qwen/qwq-32b",
      "sqlcoder-7b-2", "@cf/defog/sqlcoder-7b-2",
      "starling-lm-7b-beta", "@hf/nexusflow/starling-lm-7b-beta",
      "tinyllama-1.1b-v1.0", "@cf/tinyllama/tinyllama-1.1b-chat-v1.0",
      "una-cybertron-7b-v2-bf16", "@cf/fblgit/una-cybertron-7b-v2-bf16",
      "zephyr-7b-beta", "@hf/thebloke/zephyr-7b-beta-awq");

  private PlaygroundModels() {}
}
