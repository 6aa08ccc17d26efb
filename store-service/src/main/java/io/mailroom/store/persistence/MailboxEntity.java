package io.mailroom.store.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A mailbox as mapped for queries. Its counters (uid_next, highest_modseq) change only through
 * {@link MailboxRows}' locked SQL updates, so it is read as {@link MailboxRow} projections, never
 * kept managed across those updates.
 */
@Entity
@Table(name = "mailbox")
public class MailboxEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "account_id", nullable = false)
  public long accountId;

  @Column(nullable = false)
  public String name;

  @Column(name = "uid_validity", nullable = false, insertable = false, updatable = false)
  public long uidValidity;

  @Column(name = "uid_next", nullable = false)
  public long uidNext;

  @Column(name = "highest_modseq", nullable = false)
  public long highestModseq;

  @Column(name = "recent_floor", nullable = false)
  public long recentFloor;

  @Column(name = "special_use")
  public String specialUse;

  @Column(nullable = false)
  public boolean subscribed;

  @Column(nullable = false)
  public boolean selectable;
}
