package io.sluice.safety.policy;

import io.sluice.safety.detect.Detector;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One check of a policy.
 *
 * @param id         its name, unique within the policy (the type's name by default)
 * @param onPrompt   runs on prompts
 * @param onResponse runs on answers (built-in checks only)
 * @param detector   the built-in detector, or null for an external check
 * @param external   the external call's settings, or null for a built-in check
 */
public record Check(String id, CheckType type, CheckMode mode, boolean onPrompt, boolean onResponse,
        Detector detector, External external) {

    public Check {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(mode, "mode");
        if (type.external() != (external != null) || type.external() == (detector != null)) {
            throw new IllegalArgumentException("check " + id + ": a built-in check has a detector, an external one "
                    + "its service settings");
        }
        if (mode == CheckMode.REDACT && !type.redacts()) {
            throw new IllegalArgumentException("check " + id + ": " + type.configName() + " cannot redact; use "
                    + "mode block or log");
        }
        if (onResponse && type.external()) {
            throw new IllegalArgumentException("check " + id + ": external checks run on prompts only");
        }
    }

    /**
     * An external check's settings.
     *
     * @param service    the configured service to call
     * @param thresholds per category, the severity (Azure, 0-7) or score (moderation, 0-1) at or above
     *                   which the category trips; for moderation, empty means "what the service flags"
     * @param blocklists Azure blocklist names to match
     * @param haltOnBlocklistHit Azure stops analysing on a blocklist hit
     */
    public record External(String service, Map<String, Double> thresholds, List<String> blocklists,
            boolean haltOnBlocklistHit) {
        public External {
            Objects.requireNonNull(service, "service");
            thresholds = Map.copyOf(thresholds);
            blocklists = List.copyOf(blocklists);
        }
    }
}
