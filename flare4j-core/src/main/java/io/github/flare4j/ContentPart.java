package io.github.flare4j;

/**
 * One part of a message's content: text ({@link TextPart}) or an image ({@link ImagePart}). A
 * message's content is a list of these, as in OpenAI's {@code content} array.
 */
public sealed interface ContentPart permits TextPart, ImagePart {}
