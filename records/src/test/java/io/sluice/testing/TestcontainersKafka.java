package io.sluice.testing;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/** Starts Apache Kafka in a container; used only when a Docker engine exists and it is asked for. */
final class TestcontainersKafka {
    private TestcontainersKafka() {
    }

    static TestKafka start() {
        KafkaContainer container = new KafkaContainer(DockerImageName.parse("apache/kafka:4.1.0"));
        TestKafka.brokerProperties().forEach((k, v) ->
                container.withEnv("KAFKA_" + k.toUpperCase(java.util.Locale.ROOT).replace('.', '_'), v));
        container.start();
        return new TestKafka(container.getBootstrapServers(), container::stop, true);
    }
}
