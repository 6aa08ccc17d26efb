package io.mailroom.filter.execution;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A row of processed_event: an event's stored plan and whether it was carried out. Written only by
 * the HQL inserts of {@link AuditLog}, which keep a concurrent replica's row.
 */
@Entity
@Table(name = "processed_event")
class ProcessedEventEntity {
  static final String PLANNED = "planned";
  static final String DONE = "done";

  @Id
  @Column(name = "event_id")
  private String eventId;

  @Column(name = "account", nullable = false)
  private String account;

  @Column(name = "state", nullable = false)
  private String state;

  @Column(name = "plan", nullable = false)
  private String plan;

  @Column(name = "updated_at", nullable = false)
  private OffsetDateTime updatedAt;

  protected ProcessedEventEntity() {}

  AuditLog.Processed toProcessed() {
    return new AuditLog.Processed(DONE.equals(state), plan);
  }
}
