package io.sluice.ingress.http;

/** What ingress needs to know of a request body: the model, whether it streams, the end user. */
public record ParsedPrompt(String model, boolean stream, boolean includeUsage, String endUser) {
}
