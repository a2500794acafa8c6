package io.sluice.egress.reply;

import io.sluice.records.PromptRecord;
import io.sluice.records.ReplyRecord;
import io.sluice.records.UsageEvent;
import org.apache.kafka.common.header.Headers;

/**
 * Where a request execution's reply records and its usage event go: the ingress reply topic and the
 * ledger for interactive requests ({@link ReplyWriter}), or a batch line's result.
 */
public interface ReplySink {

    void reply(PromptRecord prompt, Headers hops, ReplyRecord reply);

    void usage(UsageEvent event);
}
