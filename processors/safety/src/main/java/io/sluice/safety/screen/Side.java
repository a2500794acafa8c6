package io.sluice.safety.screen;

import io.sluice.records.safety.AuditEvent;

/** Which text is checked: the prompt on its way in, or the answer on its way out. */
public enum Side {
    PROMPT(AuditEvent.SIDE_PROMPT),
    RESPONSE(AuditEvent.SIDE_RESPONSE);

    private final String wire;

    Side(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
