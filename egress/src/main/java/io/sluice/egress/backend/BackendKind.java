package io.sluice.egress.backend;

/** The API dialects Sluice speaks to backends. */
public enum BackendKind {
    /** OpenAI or any OpenAI-compatible server: {@code <base-url>/chat/completions}, bearer key. */
    OPENAI,
    /** Azure OpenAI: {@code <endpoint>/openai/deployments/<deployment>/...?api-version=}, api-key header. */
    AZURE_OPENAI
}
