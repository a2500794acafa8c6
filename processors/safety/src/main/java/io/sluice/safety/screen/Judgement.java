package io.sluice.safety.screen;

import io.sluice.records.safety.AuditEvent.Category;
import io.sluice.records.safety.AuditEvent.CheckRun;
import java.util.List;

/**
 * What the external checks' results mean under the policies.
 *
 * @param failedClosed      a check failed and its policy refuses prompts then (503)
 * @param failedOpen        a check failed and its policy lets prompts through
 * @param retryAfterSeconds the Retry-After of the 503
 * @param failure           which check failed and why (for the error message and the audit event)
 */
public record Judgement(boolean blocked, boolean failedClosed, boolean failedOpen, boolean logged,
        List<CheckRun> runs, List<Category> categories, long retryAfterSeconds, String failure) {

    public Judgement {
        runs = List.copyOf(runs);
        categories = List.copyOf(categories);
    }

    public List<Category> tripped() {
        return categories.stream().filter(Category::tripped).toList();
    }
}
