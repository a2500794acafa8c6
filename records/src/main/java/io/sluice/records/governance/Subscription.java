package io.sluice.records.governance;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.sluice.records.Json;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A tenant of the gateway, as stored on the config topic under {@code subscription:<id>}.
 *
 * @param models the models it may use; empty means every model the gateway serves
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Subscription(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("product") String product,
        @JsonProperty("state") State state,
        @JsonProperty("models") List<String> models,
        @JsonProperty("limits") Limits limits,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("updated_at") String updatedAt) {

    /** Subscription ids: short, and safe as part of topic keys and store keys. */
    public static final String ID_PATTERN = "[A-Za-z0-9._-]{1,64}";

    /** Whether requests of a subscription are served. */
    public enum State {
        ACTIVE, SUSPENDED;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static State fromWire(String s) {
            for (State st : values()) {
                if (st.wire().equals(s)) {
                    return st;
                }
            }
            throw new IllegalArgumentException("must be active or suspended (got '" + s + "')");
        }
    }

    public Subscription {
        Objects.requireNonNull(id, "id");
        name = name == null ? id : name;
        state = state == null ? State.ACTIVE : state;
        models = models == null ? List.of() : List.copyOf(models);
        limits = limits == null ? Limits.NONE : limits;
    }

    @JsonIgnore
    public boolean active() {
        return state == State.ACTIVE;
    }

    public boolean mayUse(String model) {
        return models.isEmpty() || models.contains(model);
    }

    public byte[] toJsonBytes() {
        return Json.toBytes(this);
    }

    public static Subscription fromJson(byte[] bytes) {
        return Json.fromBytes(bytes, Subscription.class);
    }
}
