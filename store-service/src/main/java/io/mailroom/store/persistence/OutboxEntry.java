package io.mailroom.store.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A MailEvent written with the change it describes, waiting for the relay to publish it. */
@Entity
@Table(name = "outbox")
public class OutboxEntry {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "account_id", nullable = false)
  public long accountId;

  @Column(nullable = false)
  public byte[] event;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Column(name = "sent_at")
  public OffsetDateTime sentAt;
}
