/**
 * Workers AI for account holders: {@link io.github.flare4j.workersai.WorkersAI} (the REST API
 * {@code /ai/run/{model}}) and {@link io.github.flare4j.workersai.WorkersAIOpenAI} (the
 * OpenAI-compatible {@code /ai/v1/chat/completions}), each optionally through an
 * {@link io.github.flare4j.workersai.AiGateway}.
 */
package io.github.flare4j.workersai;
