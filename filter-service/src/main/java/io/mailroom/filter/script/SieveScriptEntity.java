package io.mailroom.filter.script;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;

/** A row of sieve_script. Only {@link ScriptRepository} sees it; callers get a {@link Script}. */
@Entity
@Table(name = "sieve_script")
@IdClass(SieveScriptEntity.Key.class)
class SieveScriptEntity {
  /** The primary key: a script's name is unique within its account. */
  record Key(String account, String name) implements Serializable {}

  @Id
  @Column(name = "account")
  private String account;

  @Id
  @Column(name = "name")
  private String name;

  @Column(name = "content", nullable = false)
  private String content;

  @Column(name = "version", nullable = false)
  private int version;

  @Column(name = "active_incoming", nullable = false)
  private boolean activeIncoming;

  @Column(name = "active_outgoing", nullable = false)
  private boolean activeOutgoing;

  @Column(name = "updated_at", nullable = false)
  private OffsetDateTime updatedAt;

  protected SieveScriptEntity() {}

  /** A new script: version 1, active for nothing. */
  SieveScriptEntity(String account, String name, String content, OffsetDateTime now) {
    this.account = account;
    this.name = name;
    this.content = content;
    this.version = 1;
    this.updatedAt = now;
  }

  /** New content is a new version. */
  void replaceContent(String content, OffsetDateTime now) {
    this.content = content;
    this.version++;
    this.updatedAt = now;
  }

  /** The attribute holding "active for this direction", for HQL. */
  static String activeAttribute(Direction direction) {
    return direction == Direction.INCOMING ? "activeIncoming" : "activeOutgoing";
  }

  Script toScript() {
    return new Script(account, name, content, version, activeIncoming, activeOutgoing, updatedAt);
  }
}
