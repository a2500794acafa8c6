package io.sluice.ingress.auth;

/** Who is calling: the API key's id (never the key) and the subscription it belongs to. */
public record Caller(String keyId, String subscriptionId) {
}
