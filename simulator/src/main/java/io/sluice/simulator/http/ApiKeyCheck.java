package io.sluice.simulator.http;

import io.sluice.simulator.openai.ApiError;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** Requires the configured API key: {@code Authorization: Bearer} on OpenAI paths, {@code api-key} on Azure's. */
final class ApiKeyCheck {

    static final String AZURE_HEADER = "api-key";
    private static final String BEARER = "Bearer ";

    private final String apiKey;

    /** @param apiKey the required key, or null to let every request through */
    ApiKeyCheck(String apiKey) {
        this.apiKey = apiKey;
    }

    void openAi(RoutingContext ctx) {
        if (apiKey == null) {
            ctx.next();
            return;
        }
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            Replies.error(ctx.response(), ApiError.invalidApiKey("You didn't provide an API key. You need to "
                    + "provide your API key in an Authorization header using Bearer auth "
                    + "(i.e. Authorization: Bearer YOUR_KEY)."));
        } else if (!apiKey.equals(authorization.substring(BEARER.length()).trim())) {
            Replies.error(ctx.response(), ApiError.invalidApiKey("Incorrect API key provided."));
        } else {
            ctx.next();
        }
    }

    void azure(RoutingContext ctx) {
        if (apiKey == null || apiKey.equals(ctx.request().getHeader(AZURE_HEADER))) {
            ctx.next();
            return;
        }
        Replies.error(ctx.response(), ApiError.invalidApiKey("Access denied due to a missing or invalid "
                + "'api-key' header. Make sure to provide a valid key for an active subscription."));
    }
}
