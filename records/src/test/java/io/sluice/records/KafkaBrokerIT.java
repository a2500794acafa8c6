package io.sluice.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.TestKafka;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class KafkaBrokerIT {
    @Test
    void startsARealBrokerThatCreatesTopics() throws Exception {
        try (Admin admin = TestKafka.shared().admin()) {
            admin.createTopics(List.of(new NewTopic("probe", 1, (short) 1))).all().get();
            Set<String> names = admin.listTopics().names().get();
            assertThat(names).contains("probe");
        }
    }
}
