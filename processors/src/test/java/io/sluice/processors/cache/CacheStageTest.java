package io.sluice.processors.cache;

import static io.sluice.processors.cache.CacheTopologyDriver.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.records.Attributes;
import io.sluice.records.Json;
import io.sluice.records.PromptRecord;
import io.sluice.records.ReplyKind;
import io.sluice.records.ReplyRecord;
import io.sluice.records.cache.CacheAttributes;
import io.sluice.records.cache.CacheScopeStats;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CacheStageTest {

    private static final String FRANCE = "What is the capital of France?";
    private static final String ANSWER = "The capital of France is Paris. It has been the capital for a very long "
            + "time, and it is also the largest city of the country.";

    private CacheTopologyDriver driver;

    @AfterEach
    void tearDown() {
        if (driver != null) {
            driver.close();
        }
    }

    private CacheTopologyDriver start(CachePolicy policy) throws Exception {
        return start(policy, 100_000);
    }

    private CacheTopologyDriver start(CachePolicy policy, int maxEntries) throws Exception {
        driver = new CacheTopologyDriver(new CacheSettings(Set.of(CacheTopologyDriver.MODEL), Set.of(), policy,
                List.of(), maxEntries, 1_000, EmbeddingsSource.local()));
        return driver;
    }

    private static JsonNode json(byte[] body) throws Exception {
        return Json.MAPPER.readTree(body);
    }

    @Test
    void aMissPassesOnMarkedForStoringAndTheSameRequestThenHitsExactlyWithoutDispatch() throws Exception {
        start(CachePolicy.defaults());
        var miss = driver.send(chat(FRANCE));
        assertThat(miss.hit()).isFalse();
        assertThat(miss.headers()).containsEntry("x-sluice-cache", "miss").containsKey("x-sluice-cache-key");
        PromptRecord d = miss.dispatched();
        assertThat(d.attribute(CacheAttributes.ENTRY)).hasSize(64);
        assertThat(d.attribute(CacheAttributes.SCOPE)).startsWith("gpt-4o-mini|team-a|sys:");
        assertThat(d.attribute(CacheAttributes.PARTITION_KEY)).isEqualTo("team-a");
        assertThat(VectorCodec.decode(d.attribute(CacheAttributes.VECTOR))).hasSize(384);
        driver.answer(d, ANSWER);

        var hit = driver.send(chat("  What is the   capital of France?\n"));
        assertThat(hit.hit()).isTrue();
        assertThat(hit.replies()).hasSize(1);
        ReplyRecord reply = hit.replies().get(0);
        assertThat(reply.kind()).isEqualTo(ReplyKind.RESPONSE);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.responseHeaders()).containsEntry("x-sluice-cache", "hit")
                .containsEntry("x-sluice-cache-score", "1.0000")
                .containsEntry("x-sluice-cache-key", d.attribute(CacheAttributes.ENTRY));
        JsonNode body = json(reply.body());
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("id").asText()).isEqualTo("chatcmpl-req_2");
        assertThat(body.path("choices").get(0).path("message").path("content").asText()).isEqualTo(ANSWER);
        assertThat(body.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(body.path("usage").path("total_tokens").asInt()).isZero();
        assertThat(hit.usage().cache()).isEqualTo("hit");
        assertThat(hit.usage().status()).isEqualTo(200);
        assertThat(hit.usage().totalTokens()).isZero();
        assertThat(hit.usage().tokensSaved()).isEqualTo(42L);
    }

    @Test
    void aParaphraseHitsSemanticallyWithItsScore() throws Exception {
        start(CachePolicy.defaults());
        driver.store(chat(FRANCE), ANSWER);
        var hit = driver.send(chat("Tell me the capital city of France."));
        assertThat(hit.hit()).isTrue();
        double score = Double.parseDouble(hit.headers().get("x-sluice-cache-score"));
        assertThat(score).isGreaterThanOrEqualTo(CachePolicy.DEFAULT_THRESHOLD).isLessThan(1.0);
        assertThat(json(hit.replies().get(0).body()).path("choices").get(0).path("message").path("content").asText())
                .isEqualTo(ANSWER);
    }

    @Test
    void anotherQuestionOnTheSameTopicMisses() throws Exception {
        start(CachePolicy.defaults());
        driver.store(chat(FRANCE), ANSWER);
        assertThat(driver.send(chat("What is the capital of Germany?")).hit()).isFalse();
    }

    @Test
    void theAgreementCheckRefusesAPromptWithAnotherNumberThatTheModelFindsSimilar() throws Exception {
        start(CachePolicy.defaults().withThreshold(0.8));
        driver.store(chat("Convert 5 km to miles"), "5 km is about 3.11 miles.");
        assertThat(driver.send(chat("Convert 50 km to miles")).hit()).isFalse();
        assertThat(driver.send(chat("Convert 5 km into miles")).hit()).isTrue();
    }

    @Test
    void aStreamingHitIsReCutIntoChunksWithAUsageChunkAndTheEnd() throws Exception {
        start(CachePolicy.defaults());
        driver.store(chat(FRANCE), ANSWER);
        var hit = driver.send("team-a", CacheTopologyDriver.MODEL, chat(FRANCE), true, true, Map.of());
        assertThat(hit.hit()).isTrue();
        List<ReplyRecord> r = hit.replies();
        assertThat(r.get(r.size() - 1).kind()).isEqualTo(ReplyKind.END);
        assertThat(r.get(0).responseHeaders()).containsEntry("x-sluice-cache", "hit");
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < r.size() - 1; i++) {
            assertThat(r.get(i).kind()).isEqualTo(ReplyKind.CHUNK);
            assertThat(r.get(i).seq()).isEqualTo(i);
            JsonNode c = json(r.get(i).body());
            assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk");
            if (c.path("choices").size() > 0) {
                content.append(c.path("choices").get(0).path("delta").path("content").asText(""));
            }
        }
        assertThat(content.toString()).isEqualTo(ANSWER);
        assertThat(r.size()).isGreaterThan(4);
        JsonNode finish = json(r.get(r.size() - 3).body());
        assertThat(finish.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        JsonNode usage = json(r.get(r.size() - 2).body());
        assertThat(usage.path("choices")).isEmpty();
        assertThat(usage.path("usage").path("total_tokens").asInt()).isZero();
        assertThat(hit.usage().mode()).isEqualTo("stream");
    }

    @Test
    void anEntryPastItsTimeToLiveIsNotServedAndIsSweptAway() throws Exception {
        start(CachePolicy.defaults().withTtlMs(60_000));
        driver.store(chat(FRANCE), ANSWER);
        driver.advance(Duration.ofSeconds(59));
        assertThat(driver.send(chat(FRANCE)).hit()).isTrue();
        driver.clock.advance(Duration.ofSeconds(2));
        var after = driver.send(chat(FRANCE));
        assertThat(after.hit()).isFalse();
        assertThat(after.headers()).containsEntry("x-sluice-cache", "miss");
        assertThat(driver.store().size()).isEqualTo(1);
        driver.advance(CacheLookupProcessor.SWEEP);
        assertThat(driver.store().size()).isZero();
    }

    @Test
    void entriesAreNotSharedAcrossSubscriptionsSystemPromptsOrParametersByDefault() throws Exception {
        start(CachePolicy.defaults());
        String sys = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"Answer in %s.\"},"
                + "{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]%s}";
        driver.store(String.format(sys, "French", ""), "Paris.");
        assertThat(driver.send(String.format(sys, "French", "")).hit()).isTrue();
        assertThat(driver.send("team-b", CacheTopologyDriver.MODEL, String.format(sys, "French", ""), false, false,
                Map.of()).hit()).isFalse();
        assertThat(driver.send(String.format(sys, "German", "")).hit()).isFalse();
        assertThat(driver.send(String.format(sys, "French", ",\"temperature\":1.5")).hit()).isFalse();
        assertThat(driver.send(String.format(sys, "French", ",\"stream\":false,\"user\":\"u1\"")).hit()).isTrue();
    }

    @Test
    void withoutVaryBySubscriptionAnEntryServesEverySubscriptionOfThePartition() throws Exception {
        CachePolicy d = CachePolicy.defaults();
        start(new CachePolicy(d.threshold(), d.ttlMs(), false, true, true, List.of(), true, 0, true, 1000, true));
        driver.store(chat(FRANCE), ANSWER);
        assertThat(driver.send("team-b", CacheTopologyDriver.MODEL, chat(FRANCE), false, false, Map.of()).hit())
                .isTrue();
    }

    @Test
    void aHeaderInVaryByKeepsEntriesApartByItsValue() throws Exception {
        CachePolicy d = CachePolicy.defaults();
        start(new CachePolicy(d.threshold(), d.ttlMs(), true, true, true, List.of("x-tenant"), true, 0, true, 1000,
                true));
        Map<String, String> tenantA = Map.of(CacheRequest.headerAttribute("x-tenant"), "a");
        var miss = driver.send("team-a", CacheTopologyDriver.MODEL, chat(FRANCE), false, false, tenantA);
        driver.answer(miss.dispatched(), ANSWER);
        assertThat(driver.send("team-a", CacheTopologyDriver.MODEL, chat(FRANCE), false, false, tenantA).hit())
                .isTrue();
        assertThat(driver.send("team-a", CacheTopologyDriver.MODEL, chat(FRANCE), false, false,
                Map.of(CacheRequest.headerAttribute("x-tenant"), "b")).hit()).isFalse();
    }

    @Test
    void onlyTheLastMessagesAreComparedWhenConfigured() throws Exception {
        CachePolicy d = CachePolicy.defaults();
        start(new CachePolicy(d.threshold(), d.ttlMs(), true, true, true, List.of(), true, 1, true, 1000, true));
        String convo = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"%s\"},"
                + "{\"role\":\"assistant\",\"content\":\"ok\"},{\"role\":\"user\",\"content\":\"%s\"}]}";
        driver.store(String.format(convo, "Hello there", FRANCE), ANSWER);
        assertThat(driver.send(String.format(convo, "Something else entirely", FRANCE)).hit()).isTrue();
    }

    @Test
    void earlierTurnsMustMatchExactlyForASemanticHit() throws Exception {
        start(CachePolicy.defaults());
        String convo = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"%s\"},"
                + "{\"role\":\"assistant\",\"content\":\"ok\"},{\"role\":\"user\",\"content\":\"%s\"}]}";
        driver.store(String.format(convo, "I am planning a trip.", FRANCE), ANSWER);
        assertThat(driver.send(String.format(convo, "I am planning a trip.", "Tell me the capital city of France."))
                .hit()).isTrue();
        assertThat(driver.send(String.format(convo, "I am writing a novel.", "Tell me the capital city of France."))
                .hit()).isFalse();
    }

    @Test
    void noCacheSkipsTheLookupButStillStoresAndNoStoreLooksUpButNeverStores() throws Exception {
        start(CachePolicy.defaults());
        driver.store(chat(FRANCE), ANSWER);
        var noCache = driver.send("team-a", CacheTopologyDriver.MODEL, chat(FRANCE), false, false,
                Map.of(Attributes.CACHE_CONTROL, "no-cache"));
        assertThat(noCache.hit()).isFalse();
        assertThat(noCache.headers()).containsEntry("x-sluice-cache", "bypass");
        assertThat(noCache.dispatched().attribute(CacheAttributes.ENTRY)).isNotNull();

        var noStoreHit = driver.send("team-a", CacheTopologyDriver.MODEL, chat(FRANCE), false, false,
                Map.of(Attributes.CACHE_CONTROL, "no-store"));
        assertThat(noStoreHit.hit()).isTrue();
        var noStoreMiss = driver.send("team-a", CacheTopologyDriver.MODEL, chat("Why is the sky blue?"), false, false,
                Map.of(Attributes.CACHE_CONTROL, "no-store"));
        assertThat(noStoreMiss.headers()).containsEntry("x-sluice-cache", "miss");
        assertThat(noStoreMiss.dispatched().attribute(CacheAttributes.ENTRY)).isNull();
        var both = driver.send("team-a", CacheTopologyDriver.MODEL, chat(FRANCE), false, false,
                Map.of(Attributes.CACHE_CONTROL, "no-cache, no-store"));
        assertThat(both.headers()).containsEntry("x-sluice-cache", "bypass");
        assertThat(both.dispatched().attribute(CacheAttributes.ENTRY)).isNull();
    }

    @Test
    void requestsTheCacheCannotAnswerBypassItAndUncachedModelsAreLeftAlone() throws Exception {
        start(CachePolicy.defaults());
        var twoChoices = driver.send("{\"model\":\"gpt-4o-mini\",\"n\":2,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}");
        assertThat(twoChoices.headers()).containsEntry("x-sluice-cache", "bypass");
        assertThat(twoChoices.dispatched().attribute(CacheAttributes.ENTRY)).isNull();
        var image = driver.send("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":"
                + "\"image_url\",\"image_url\":{\"url\":\"https://example.com/a.png\"}}]}]}");
        assertThat(image.headers()).containsEntry("x-sluice-cache", "bypass");
        var other = driver.send("team-a", "gpt-4o", chat(FRANCE), false, false, Map.of());
        assertThat(other.headers()).doesNotContainKey("x-sluice-cache");
    }

    @Test
    void aFullPartitionEvictsItsLeastRecentlyUsedEntry() throws Exception {
        start(CachePolicy.defaults(), 2);
        driver.store(chat("What is the capital of France?"), "Paris.");
        driver.clock.advance(Duration.ofSeconds(1));
        driver.store(chat("How tall is Mount Everest?"), "8,849 m.");
        driver.clock.advance(Duration.ofSeconds(1));
        assertThat(driver.send(chat("What is the capital of France?")).hit()).isTrue();
        driver.clock.advance(Duration.ofSeconds(1));
        driver.store(chat("Who wrote Hamlet?"), "Shakespeare.");
        assertThat(driver.store().size()).isEqualTo(2);
        assertThat(driver.send(chat("What is the capital of France?")).hit()).isTrue();
        assertThat(driver.send(chat("Who wrote Hamlet?")).hit()).isTrue();
        assertThat(driver.send(chat("How tall is Mount Everest?")).hit()).isFalse();
    }

    @Test
    void invalidationRemovesOneEntryAScopeOrEverything() throws Exception {
        start(CachePolicy.defaults());
        PromptRecord france = driver.store(chat(FRANCE), ANSWER);
        driver.store(chat("Who wrote Hamlet?"), "Shakespeare.");
        driver.invalidate(france.attribute(CacheAttributes.ENTRY), null);
        assertThat(driver.send(chat(FRANCE)).hit()).isFalse();
        assertThat(driver.send(chat("Who wrote Hamlet?")).hit()).isTrue();

        driver.storeFor("team-b", "Who wrote Hamlet?");
        driver.invalidate(null, "model=gpt-4o-mini,subscription=team-a");
        assertThat(driver.send(chat("Who wrote Hamlet?")).hit()).isFalse();
        assertThat(driver.send("team-b", CacheTopologyDriver.MODEL, chat("Who wrote Hamlet?"), false, false, Map.of())
                .hit()).isTrue();
        driver.invalidate(null, null);
        assertThat(driver.store().size()).isZero();
    }

    @Test
    void withoutAnEmbeddingTheRequestBypassesTheCacheButExactHitsStillWork() throws Exception {
        Embedder down = text -> {
            throw new EmbeddingUnavailableException("embeddings endpoint answered HTTP 503");
        };
        driver = new CacheTopologyDriver(new CacheSettings(Set.of(), Set.of(), CachePolicy.defaults(), List.of(),
                100, 1_000, EmbeddingsSource.local()), down);
        var bypass = driver.send(chat(FRANCE));
        assertThat(bypass.headers()).containsEntry("x-sluice-cache", "bypass");
        assertThat(bypass.dispatched().attribute(CacheAttributes.ENTRY)).isNull();
        var noCache = driver.send("team-a", CacheTopologyDriver.MODEL, chat("Why is the sky blue?"), false, false,
                Map.of(Attributes.CACHE_CONTROL, "no-cache"));
        assertThat(noCache.dispatched().attribute(CacheAttributes.ENTRY)).isNotNull();
        assertThat(noCache.dispatched().attribute(CacheAttributes.VECTOR)).isNull();
        driver.answer(noCache.dispatched(), "Rayleigh scattering.");
        assertThat(driver.send(chat("Why is the sky blue?")).hit()).isTrue();
    }

    @Test
    void theIndexIsRebuiltFromTheStore() throws Exception {
        start(CachePolicy.defaults());
        driver.store(chat(FRANCE), ANSWER);
        driver.store().rebuildIndex();
        assertThat(driver.store().size()).isEqualTo(1);
        assertThat(driver.send(chat("Tell me the capital city of France.")).hit()).isTrue();
    }

    @Test
    void statisticsPerScopeArePublishedAtTheInterval() throws Exception {
        start(CachePolicy.defaults());
        PromptRecord d = driver.store(chat(FRANCE), ANSWER);
        driver.send(chat(FRANCE));
        driver.send(chat("Tell me the capital city of France."));
        driver.advance(Duration.ofSeconds(1));
        CacheScopeStats s = driver.stats().get(d.attribute(CacheAttributes.SCOPE));
        assertThat(s).isNotNull();
        assertThat(s.model()).isEqualTo("gpt-4o-mini");
        assertThat(s.subscription()).isEqualTo("team-a");
        assertThat(s.entries()).isEqualTo(1);
        assertThat(s.hits()).isEqualTo(2);
        assertThat(s.exactHits()).isEqualTo(1);
        assertThat(s.misses()).isEqualTo(1);
        assertThat(s.stored()).isEqualTo(1);
        assertThat(s.tokensSaved()).isEqualTo(84);
    }
}
