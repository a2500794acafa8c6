package io.sluice.docs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.Map;

/** Pieces every docs section shares: a record's fields as a table, and the value of a name constant. */
final class DocTables {
    private DocTables() {
    }

    /** The field's name in JSON: its {@code @JsonProperty} (on the accessor or the component), else its own. */
    static String jsonName(RecordComponent c) {
        JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class);
        if (p == null) {
            p = c.getAnnotation(JsonProperty.class);
        }
        return p != null ? p.value() : c.getName();
    }

    /**
     * Appends a "field | meaning" table of {@code type}'s fields; fails naming {@code owner} when a
     * field has no entry in {@code docs}, so a new field cannot go undocumented.
     */
    static void fieldTable(StringBuilder sb, Class<? extends Record> type, Map<String, String> docs, String owner) {
        sb.append("| field | meaning |\n|---|---|\n");
        for (RecordComponent c : type.getRecordComponents()) {
            String json = jsonName(c);
            String doc = docs.get(json);
            if (doc == null) {
                throw new IllegalStateException(type.getSimpleName() + " field " + json + " has no entry in " + owner);
            }
            sb.append("| `").append(json).append("` | ").append(doc).append(" |\n");
        }
    }

    /** The value of a {@code public static final String} constant (a header or topic name). */
    static String constant(Field f) {
        try {
            return (String) f.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
