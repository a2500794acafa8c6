package io.sluice.simulator.completion;

import io.sluice.simulator.openai.JsonText;

/** Writes chat completion bodies and stream events in OpenAI's exact shape for one response. */
public final class ChatCompletionJson {

    public static final String SYSTEM_FINGERPRINT = "fp_sluice_sim";
    /** The SSE event that ends every successful stream. */
    public static final String DONE_EVENT = "data: [DONE]\n\n";

    private final String completionHead;
    private final String chunkHead;
    private final String chunkTail;

    /** @param includeUsage whether chunks carry {@code "usage":null} (a usage chunk is then expected to follow) */
    public ChatCompletionJson(String id, long created, String model, boolean includeUsage) {
        String rest = ",\"created\":" + created + ",\"model\":" + JsonText.quote(model)
                + ",\"system_fingerprint\":\"" + SYSTEM_FINGERPRINT + "\"";
        this.completionHead = "{\"id\":\"" + id + "\",\"object\":\"chat.completion\"" + rest;
        this.chunkHead = "data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\"" + rest;
        this.chunkTail = includeUsage ? ",\"usage\":null}\n\n" : "}\n\n";
    }

    /** The non-streaming body. */
    public String completion(ChatAnswer answer) {
        return completionHead + ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                + JsonText.quote(answer.content()) + ",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\""
                + answer.finishReason() + "\"}]," + usage(answer) + "}";
    }

    /** The first event: the assistant role with empty content. */
    public String roleEvent() {
        return event("{\"role\":\"assistant\",\"content\":\"\"}", "null");
    }

    /** One event carrying one token's text. */
    public String tokenEvent(String piece) {
        return event("{\"content\":" + JsonText.quote(piece) + "}", "null");
    }

    /** The event with an empty delta and the finish reason. */
    public String finishEvent(String finishReason) {
        return event("{}", "\"" + finishReason + "\"");
    }

    /** The usage-only event sent last when {@code stream_options.include_usage} is true. */
    public String usageEvent(ChatAnswer answer) {
        return chunkHead + ",\"choices\":[]," + usage(answer) + "}\n\n";
    }

    private String event(String delta, String finishReason) {
        return chunkHead + ",\"choices\":[{\"index\":0,\"delta\":" + delta
                + ",\"logprobs\":null,\"finish_reason\":" + finishReason + "}]" + chunkTail;
    }

    private static String usage(ChatAnswer answer) {
        return "\"usage\":{\"prompt_tokens\":" + answer.promptTokens() + ",\"completion_tokens\":"
                + answer.completionTokens() + ",\"total_tokens\":" + answer.totalTokens() + "}";
    }
}
