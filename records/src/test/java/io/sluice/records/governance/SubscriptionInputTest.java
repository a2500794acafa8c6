package io.sluice.records.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.records.Json;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubscriptionInputTest {

    private final SubscriptionInput snake = new SubscriptionInput(SubscriptionInput.Naming.SNAKE);
    private final SubscriptionInput kebab = new SubscriptionInput(SubscriptionInput.Naming.KEBAB);

    private static JsonNode json(String s) throws Exception {
        return Json.MAPPER.readTree(s);
    }

    private InvalidFieldException bad(SubscriptionInput in, String body) throws Exception {
        JsonNode node = json(body);
        return catchThrowableOfType(InvalidFieldException.class, () -> in.read("s", node, null, "now", Set.of("id")));
    }

    @Test
    void readsEveryLimit() throws Exception {
        Subscription s = snake.read("team-a", json("""
                {"name":"A","product":"gold","state":"suspended","models":["m"],
                 "limits":{"counter_key":"key","tokens_per_minute":10,"token_quota":{"tokens":5,"period":"week"},
                 "requests_per_minute":2,"max_parallel":1,"budget":{"usd":"12.50","period":"month"}}}"""),
                null, "2026-11-24T00:00:00Z", Set.of());
        assertThat(s.state()).isEqualTo(Subscription.State.SUSPENDED);
        assertThat(s.limits().scope().kind()).isEqualTo(CounterScope.Kind.KEY);
        assertThat(s.limits().tokenQuota()).isEqualTo(new TokenQuota(5, Period.WEEK));
        assertThat(s.limits().budget().usd()).isEqualByComparingTo("12.5");
        assertThat(s.createdAt()).isEqualTo("2026-11-24T00:00:00Z");
    }

    @Test
    void theConfigFileSpellsFieldsInKebabCase() throws Exception {
        Subscription s = kebab.read("team-a", json("{\"limits\":{\"tokens-per-minute\":7,\"counter-key\":\"ip\"}}"),
                null, null, Set.of());
        assertThat(s.limits().tokensPerMinute()).isEqualTo(7);
        assertThat(bad(kebab, "{\"limits\":{\"tokens-per-minute\":0}}").field())
                .isEqualTo("limits.tokens-per-minute");
    }

    @Test
    void everyBadFieldIsNamedWithWhatIsWrong() throws Exception {
        assertThat(bad(snake, "{\"limits\":{\"tokens_per_minute\":-1}}").describe())
                .startsWith("limits.tokens_per_minute must be a whole number from 1");
        assertThat(bad(snake, "{\"limits\":{\"max_parallel\":\"3\"}}").field()).isEqualTo("limits.max_parallel");
        assertThat(bad(snake, "{\"limits\":{\"token_quota\":{\"tokens\":1}}}").field())
                .isEqualTo("limits.token_quota.period");
        assertThat(bad(snake, "{\"limits\":{\"token_quota\":{\"period\":\"day\"}}}").field())
                .isEqualTo("limits.token_quota.tokens");
        assertThat(bad(snake, "{\"limits\":{\"budget\":{\"usd\":0,\"period\":\"day\"}}}").field())
                .isEqualTo("limits.budget.usd");
        assertThat(bad(snake, "{\"limits\":{\"budget\":{\"usd\":\"ten\",\"period\":\"day\"}}}").field())
                .isEqualTo("limits.budget.usd");
        assertThat(bad(snake, "{\"limits\":{\"tpm\":5}}").describe()).contains("tokens_per_minute");
        assertThat(bad(snake, "{\"models\":\"m\"}").field()).isEqualTo("models");
        assertThat(bad(snake, "{\"models\":[\"m\",3]}").field()).isEqualTo("models[1]");
        assertThat(bad(snake, "{\"name\":\"\"}").field()).isEqualTo("name");
        assertThat(bad(snake, "{\"state\":\"paused\"}").field()).isEqualTo("state");
        assertThat(bad(snake, "{\"limits\":[]}").field()).isEqualTo("limits");
    }

    @Test
    void fieldsAPatchLeavesOutKeepTheirValue() throws Exception {
        Subscription base = snake.read("team-a", json("{\"name\":\"A\",\"product\":\"gold\","
                + "\"limits\":{\"tokens_per_minute\":10}}"), null, "t0", Set.of());
        Subscription changed = snake.read("team-a", json("{\"state\":\"suspended\"}"), base, "t1", Set.of());
        assertThat(changed.name()).isEqualTo("A");
        assertThat(changed.product()).isEqualTo("gold");
        assertThat(changed.limits().tokensPerMinute()).isEqualTo(10);
        assertThat(changed.createdAt()).isEqualTo("t0");
        assertThat(changed.updatedAt()).isEqualTo("t1");
    }
}
