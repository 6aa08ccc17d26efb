package io.mailroom.store.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * An account: a username, its password hash and its storage quota (the mail lives in its
 * mailboxes).
 */
@Entity
@Table(name = "account")
public class AccountEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(nullable = false, unique = true)
  public String username;

  @Column(name = "password_hash", nullable = false)
  public String passwordHash;

  @Column(name = "created_at", nullable = false, updatable = false)
  public OffsetDateTime createdAt;

  /** The most octets the account's messages may take; null is unlimited. */
  @Column(name = "quota_bytes")
  public Long quotaBytes;
}
