package io.mailroom.filter.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailroom.filter.script.ScriptService;
import io.mailroom.filter.sieve.SieveEngine;
import io.mailroom.filter.sieve.SieveRuntimeException;
import io.mailroom.filter.store.MailboxKey;
import io.mailroom.store.client.StoreFailures;
import io.mailroom.store.client.events.MailEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Filters the messages of one event: plan (evaluate the active script), store the plan, carry it
 * out, then audit and mark the event done in one transaction. A redelivered event finds its plan
 * and replays it with the same idempotency keys, or finds it done and does nothing.
 */
@ApplicationScoped
public class EventProcessor {
  private static final Logger LOG = Logger.getLogger(EventProcessor.class);

  private final ScriptService scripts;
  private final SieveEngine engine;
  private final MessageReader reader;
  private final PlanExecutor executor;
  private final AuditLog audit;
  private final ObjectMapper json;
  private final MeterRegistry metrics;

  EventProcessor(
      ScriptService scripts,
      SieveEngine engine,
      MessageReader reader,
      PlanExecutor executor,
      AuditLog audit,
      ObjectMapper json,
      MeterRegistry metrics) {
    this.scripts = scripts;
    this.engine = engine;
    this.reader = reader;
    this.executor = executor;
    this.audit = audit;
    this.json = json;
    this.metrics = metrics;
  }

  public Uni<Void> process(MailEvent event) {
    var target = EventTarget.of(event);
    if (target.isEmpty() || event.eventId().isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return audit
        .processed(event.eventId())
        .flatMap(
            processed -> {
              if (processed.isPresent() && processed.get().done()) {
                return Uni.createFrom().voidItem();
              }
              if (processed.isPresent()) {
                return carryOut(parse(processed.get().plan()));
              }
              return plan(event, target.get())
                  .flatMap(
                      plan -> {
                        if (plan == null) {
                          return Uni.createFrom().voidItem();
                        }
                        return audit
                            .savePlan(plan.eventId(), plan.account(), write(plan))
                            .flatMap(stored -> carryOut(parse(stored)))
                            .invoke(() -> recordLatency(event, target.get()));
                      });
            });
  }

  private Uni<Void> carryOut(EventPlan plan) {
    return executor
        .apply(plan, plan.eventId())
        .flatMap(outcomes -> audit.complete(plan, outcomes))
        .invoke(() -> LOG.debugf("event %s filtered", plan.eventId()));
  }

  /** Null when the account has no active script for this direction. */
  private Uni<EventPlan> plan(MailEvent event, EventTarget target) {
    var account = event.username();
    var mailbox = new MailboxKey(target.mailbox().id(), target.mailbox().uidValidity());
    return scripts
        .active(account, target.direction())
        .flatMap(
            active -> {
              if (active.isEmpty()) {
                return Uni.createFrom().nullItem();
              }
              var script = active.get();
              return Multi.createFrom()
                  .iterable(target.uids())
                  .onItem()
                  .transformToUniAndConcatenate(
                      uid ->
                          reader
                              .read(
                                  account,
                                  mailbox,
                                  uid,
                                  script.compiled(),
                                  target.envelopeFrom(),
                                  target.envelopeTo())
                              .emitOn(Infrastructure.getDefaultWorkerPool())
                              .map(
                                  view -> {
                                    if (view.isEmpty()) {
                                      return new MessagePlan(
                                          uid,
                                          List.of(),
                                          List.of(),
                                          false,
                                          "the message was no longer in the mailbox");
                                    }
                                    try {
                                      return ActionPlanner.plan(
                                          uid, engine.evaluate(script.compiled(), view.get()));
                                    } catch (SieveRuntimeException e) {
                                      return ActionPlanner.failed(uid, e.getMessage());
                                    }
                                  })
                              .onFailure(e -> StoreFailures.from(e).isRefusal())
                              .recoverWithItem(
                                  e ->
                                      ActionPlanner.failed(
                                          uid,
                                          "could not read the message: "
                                              + StoreFailures.from(e).getMessage()))
                              .onFailure()
                              .transform(
                                  e ->
                                      new PlanExecutor.TransientFailure(
                                          "reading the message: "
                                              + StoreFailures.from(e).getMessage(),
                                          e)))
                  .collect()
                  .asList()
                  .map(
                      messages ->
                          new EventPlan(
                              event.eventId(),
                              account,
                              target.mailbox().name(),
                              mailbox.id(),
                              mailbox.uidValidity(),
                              script.script().name(),
                              script.script().version(),
                              messages));
            });
  }

  /**
   * Time from the store's event to the filtered, audited message: "delivered to filed". Exposed as
   * mailroom_filter_event_latency_seconds with p50/p99 on /q/metrics.
   */
  private void recordLatency(MailEvent event, EventTarget target) {
    var occurredAt = event.occurredAt().toEpochMilli();
    if (occurredAt <= 0) {
      return;
    }
    Timer.builder("mailroom.filter.event.latency")
        .description("from the mail event to its actions done and audited")
        .tag("direction", target.direction().label())
        .publishPercentiles(0.5, 0.99)
        .register(metrics)
        .record(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - occurredAt)));
  }

  private String write(EventPlan plan) {
    try {
      return json.writeValueAsString(plan);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot store a plan", e);
    }
  }

  private EventPlan parse(String plan) {
    try {
      return json.readValue(plan, EventPlan.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read a stored plan", e);
    }
  }
}
