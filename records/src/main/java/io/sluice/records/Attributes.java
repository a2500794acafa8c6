package io.sluice.records;

/** Well-known names of {@link PromptRecord} attributes. */
public final class Attributes {
    public static final String CLIENT_IP = "client-ip";
    public static final String CACHE_CONTROL = "cache-control";
    public static final String TRACEPARENT = "traceparent";
    public static final String END_USER = "end-user";
    /** Set when the client called the Azure OpenAI path style; the value is the deployment name. */
    public static final String AZURE_DEPLOYMENT = "azure-deployment";

    private Attributes() {
    }
}
