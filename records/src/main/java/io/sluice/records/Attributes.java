package io.sluice.records;

/** Well-known names of {@link PromptRecord} attributes. */
public final class Attributes {
    public static final String CLIENT_IP = "client-ip";
    public static final String CACHE_CONTROL = "cache-control";
    public static final String TRACEPARENT = "traceparent";
    public static final String END_USER = "end-user";
    /** Set when the client called the Azure OpenAI path style; the value is the deployment name. */
    public static final String AZURE_DEPLOYMENT = "azure-deployment";
    /** The counter key of the request's limits (also its requests-topic key), set by ingress. */
    public static final String COUNTER_KEY = "counter-key";
    /** Tokens the quota stage reserved for the request; present only when it reserved any. */
    public static final String QUOTA_RESERVED = "quota-reserved";
    /** Prompt tokens the quota stage counted, for a finished request whose backend reported none. */
    public static final String QUOTA_PROMPT_TOKENS = "quota-prompt-tokens";

    private Attributes() {
    }
}
