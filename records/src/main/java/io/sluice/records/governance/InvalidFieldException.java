package io.sluice.records.governance;

/** A subscription or limit given with a bad field; names the field (dotted path) and what is wrong. */
public final class InvalidFieldException extends RuntimeException {

    private final String field;

    public InvalidFieldException(String field, String problem) {
        super(problem, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** "limits.tokens_per_minute must be ...". */
    public String describe() {
        return field + " " + getMessage();
    }
}
