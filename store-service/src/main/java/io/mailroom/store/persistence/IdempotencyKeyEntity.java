package io.mailroom.store.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/** The reply a call gave, remembered by the caller's idempotency key within an account. */
@Entity
@Table(name = "idempotency_key")
@IdClass(IdempotencyKeyEntity.Key.class)
public class IdempotencyKeyEntity {
  /** The primary key: (account, key). */
  public static class Key implements Serializable {
    public long accountId;
    public String key;

    public Key() {}

    public Key(long accountId, String key) {
      this.accountId = accountId;
      this.key = key;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.accountId == accountId && Objects.equals(k.key, key);
    }

    @Override
    public int hashCode() {
      return Objects.hash(accountId, key);
    }
  }

  @Id
  @Column(name = "account_id")
  public long accountId;

  @Id
  @Column(name = "key")
  public String key;

  @Column(nullable = false)
  public byte[] reply;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;
}
