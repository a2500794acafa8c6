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

    /** Appends the first event: the assistant role with empty content. */
    public void appendRoleEvent(StringBuilder out) {
        appendEvent(out, "{\"role\":\"assistant\",\"content\":\"\"}", "null");
    }

    /** Appends one event carrying one token's text. */
    public void appendTokenEvent(StringBuilder out, String piece) {
        out.append(chunkHead).append(",\"choices\":[{\"index\":0,\"delta\":{\"content\":");
        JsonText.appendQuoted(out, piece);
        out.append("},\"logprobs\":null,\"finish_reason\":null}]").append(chunkTail);
    }

    /** Appends the event with an empty delta and the finish reason. */
    public void appendFinishEvent(StringBuilder out, String finishReason) {
        appendEvent(out, "{}", "\"" + finishReason + "\"");
    }

    /** Appends the usage-only event sent last when {@code stream_options.include_usage} is true. */
    public void appendUsageEvent(StringBuilder out, ChatAnswer answer) {
        out.append(chunkHead).append(",\"choices\":[],").append(usage(answer)).append("}\n\n");
    }

    private void appendEvent(StringBuilder out, String delta, String finishReason) {
        out.append(chunkHead).append(",\"choices\":[{\"index\":0,\"delta\":").append(delta)
                .append(",\"logprobs\":null,\"finish_reason\":").append(finishReason).append("}]").append(chunkTail);
    }

    private static String usage(ChatAnswer answer) {
        return "\"usage\":{\"prompt_tokens\":" + answer.promptTokens() + ",\"completion_tokens\":"
                + answer.completionTokens() + ",\"total_tokens\":" + answer.totalTokens() + "}";
    }
}
