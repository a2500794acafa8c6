package io.sluice.simulator.completion;

import io.sluice.simulator.tokens.ChatTokenCounter;

/** The answer to one chat request: its token pieces, text, finish reason and real usage counts. */
public record ChatAnswer(String[] pieces, String content, String finishReason, int promptTokens,
        int completionTokens) {

    public static final String STOP = "stop";
    public static final String LENGTH = "length";

    /** Composes the answer of {@code completionTokens} pieces, cut at the request's max tokens if lower. */
    public static ChatAnswer compose(ChatRequest request, int completionTokens, ChatTokenCounter counter) {
        String[] full = AnswerText.pieces(request.seed(), completionTokens);
        boolean capped = request.maxTokens() > 0 && request.maxTokens() < completionTokens;
        int length = capped ? request.maxTokens() : completionTokens;
        String[] pieces = capped ? java.util.Arrays.copyOf(full, length) : full;
        String content = AnswerText.join(pieces, length);
        return new ChatAnswer(pieces, content, capped ? LENGTH : STOP,
                counter.countPrompt(request.model(), request.messages()),
                counter.count(request.model(), content));
    }

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
