package io.sluice.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class VertxDeploymentTest {

    @Test
    void startsOnAGivenVertxAndLeavesItRunningOnClose(Vertx vertx, VertxTestContext test) {
        BackendSimulator.start(vertx, SimulatorConfig.defaults()).onComplete(test.succeeding(simulator -> {
            WebClient client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false));
            client.get(simulator.port(), "127.0.0.1", "/v1/models").send().onComplete(test.succeeding(response -> {
                test.verify(() -> assertThat(response.statusCode()).isEqualTo(200));
                vertx.executeBlocking(() -> {
                    simulator.close();
                    return null;
                }).onComplete(test.succeeding(closed -> client.get(simulator.port(), "127.0.0.1", "/v1/models")
                        .send().onComplete(test.failing(refused -> test.verify(() -> {
                            assertThat(refused).isInstanceOf(java.net.ConnectException.class);
                            test.completeNow();
                        })))));
            }));
        }));
    }

    @Test
    void sharesOnePortAcrossSeveralInstances(Vertx vertx, VertxTestContext test) throws Exception {
        SimulatorConfig config = SimulatorConfig.defaults().withInstances(3).withCompletionTokens(2);
        BackendSimulator.start(vertx, config).onComplete(test.succeeding(simulator -> {
            WebClient client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false));
            List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(client.post(simulator.port(), "127.0.0.1", "/v1/chat/completions")
                        .sendBuffer(Buffer.buffer(SimHttp.chat("gpt-4o-mini", "Hi " + i))));
            }
            Future.all(calls).onComplete(test.succeeding(all -> test.verify(() -> {
                for (Future<HttpResponse<Buffer>> call : calls) {
                    assertThat(call.result().statusCode()).isEqualTo(200);
                }
                assertThat(simulator.requests().count()).isEqualTo(6);
                test.completeNow();
            })));
        }));
        assertThat(test.awaitCompletion(15, TimeUnit.SECONDS)).isTrue();
    }
}
