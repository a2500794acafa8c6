package io.sluice.docs;

import java.util.LinkedHashMap;
import java.util.Map;

/** What each field of the public JSON records means; the docs test fails when a field has no entry. */
final class FieldDocs {
    private FieldDocs() {
    }

    static final Map<String, String> USAGE = new LinkedHashMap<>();
    static final Map<String, String> BACKEND_HEALTH = new LinkedHashMap<>();

    static {
        BACKEND_HEALTH.put("schema_version", "Version of this schema.");
        BACKEND_HEALTH.put("backend", "The backend id (also the record key).");
        BACKEND_HEALTH.put("state", "`open` (no calls until `open_until_ms`, then probes) or `closed`.");
        BACKEND_HEALTH.put("open_until_ms", "Open only: epoch ms from which probe calls may go (the configured "
                + "open time, or exactly the backend's Retry-After).");
        BACKEND_HEALTH.put("reason", "Why it changed, e.g. `5 failures in a row, last: HTTP 429 (Retry-After 7 s)`.");
        BACKEND_HEALTH.put("instance", "The egress instance whose calls changed it.");
        BACKEND_HEALTH.put("changed_at_ms", "When it changed (epoch ms); an instance applies only changes newer "
                + "than what it knows.");
    }

    static {
        USAGE.put("schema_version", "Version of this schema; fields are only ever added within a version.");
        USAGE.put("request_id", "The gateway's id of the request (also the client's `x-request-id` header). "
                + "Unique; use it to deduplicate.");
        USAGE.put("subscription_id", "The subscription billed (also the record key).");
        USAGE.put("key_id", "Id of the API key used (never the key itself).");
        USAGE.put("end_user", "The OpenAI `user` field of the request, when given.");
        USAGE.put("model", "Model name the client asked for (or the Azure deployment name).");
        USAGE.put("backend", "Id of the backend whose answer the client got (its success, its own error passed "
                + "through, or the call cut off by the deadline); absent when no backend answered (for example 503 "
                + "`backends_unavailable` after every member of the pool failed).");
        USAGE.put("operation", "`chat` or `embeddings`.");
        USAGE.put("mode", "`sync`, `stream` or `batch`.");
        USAGE.put("status", "HTTP status the client received; 499 when the client went away first.");
        USAGE.put("error_code", "The `error.code` the client received, or absent on success.");
        USAGE.put("prompt_tokens", "Prompt tokens, as the backend reported them.");
        USAGE.put("completion_tokens", "Completion tokens, as the backend reported them (streams: from the "
                + "final usage chunk, or counted with the model's tokenizer when the backend sent none).");
        USAGE.put("total_tokens", "prompt_tokens + completion_tokens.");
        USAGE.put("cached_tokens", "Prompt tokens the backend served from its own prompt cache, when reported.");
        USAGE.put("cost_usd", "Cost of the request in US dollars, priced by the ledger from the configured price "
                + "table (exact decimal); absent when the model has no price.");
        USAGE.put("cache", "Semantic cache outcome: `hit`, `miss` or `bypass`, when the cache is on.");
        USAGE.put("tokens_saved", "Tokens a cache hit saved.");
        USAGE.put("attempts", "Every backend call made for this request, in order: backend, status (0 when the "
                + "backend sent none), outcome (`success`, `rate_limited`, `server_error`, `connection_error`, "
                + "`timeout`, `client_error`, `malformed`, `stream_broken`, `deadline`, `cancelled`), latency_ms. "
                + "Only the attempt that answered is billed.");
        USAGE.put("latency_ms", "Milliseconds from ingress receiving the request to its last reply record.");
        USAGE.put("ttft_ms", "Streams: milliseconds from ingress receiving the request to the first chunk.");
        USAGE.put("timestamp", "When the request finished (ISO-8601, UTC).");
        USAGE.put("batch_id", "The batch the request belongs to (mode `batch`).");
        USAGE.put("custom_id", "The batch line's `custom_id` (mode `batch`).");
    }
}
