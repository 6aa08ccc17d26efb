package io.mailroom.filter.execution;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A row of filter_audit with its filter_audit_location rows. The locations have no key of their own
 * and live and die with the audit record, so they are an element collection.
 */
@Entity
@Table(name = "filter_audit")
class FilterAuditEntity {
  private static final String SEPARATOR = "\n";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "id")
  private Long id;

  @Column(name = "event_id", nullable = false)
  private String eventId;

  @Column(name = "account", nullable = false)
  private String account;

  @Column(name = "mailbox", nullable = false)
  private String mailbox;

  @Column(name = "uid", nullable = false)
  private long uid;

  @Column(name = "script_name")
  private String scriptName;

  @Column(name = "script_version")
  private Integer scriptVersion;

  @Column(name = "actions", nullable = false)
  private String actions;

  @Column(name = "outcome", nullable = false)
  private String outcome;

  @Column(name = "reason")
  private String reason;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @ElementCollection
  @CollectionTable(name = "filter_audit_location", joinColumns = @JoinColumn(name = "audit_id"))
  private List<AuditedLocation> locations = new ArrayList<>();

  protected FilterAuditEntity() {}

  /** The record of one message of a plan. */
  FilterAuditEntity(EventPlan plan, MessageOutcome outcome, OffsetDateTime now) {
    this.eventId = plan.eventId();
    this.account = plan.account();
    this.mailbox = plan.mailbox();
    this.uid = outcome.uid();
    this.scriptName = plan.scriptName();
    this.scriptVersion = plan.scriptVersion();
    this.actions = String.join(SEPARATOR, outcome.actions());
    this.outcome = outcome.outcome();
    this.reason = outcome.reason();
    this.createdAt = now;
    for (var location : outcome.locations()) {
      locations.add(new AuditedLocation(plan.account(), location.mailbox(), location.uid()));
    }
  }

  AuditEntry toEntry() {
    return new AuditEntry(
        eventId,
        account,
        mailbox,
        uid,
        scriptName,
        scriptVersion,
        List.of(actions.split(SEPARATOR)),
        outcome,
        reason,
        createdAt,
        locations.stream().map(AuditedLocation::toLocation).toList());
  }
}
