package io.sluice.safety.screen;

import io.sluice.records.safety.AuditEvent.Category;
import io.sluice.records.safety.AuditEvent.CheckRun;
import java.util.ArrayList;
import java.util.List;

/**
 * What the built-in checks found in a text.
 *
 * @param replacements per text part, its redacted text, or null when unchanged
 * @param maskedText   every part with everything any check found masked (for audit excerpts)
 */
public record Screening(boolean blocked, boolean redacted, boolean logged, List<CheckRun> runs,
        List<Category> categories, List<String> replacements, String maskedText) {

    public static final Screening NOTHING = new Screening(false, false, false, List.of(), List.of(), List.of(), "");

    public Screening {
        runs = List.copyOf(runs);
        categories = List.copyOf(categories);
        replacements = java.util.Collections.unmodifiableList(new ArrayList<>(replacements));
    }

    public List<Category> tripped() {
        return categories.stream().filter(Category::tripped).toList();
    }
}
