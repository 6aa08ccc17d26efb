package io.mailroom.store.persistence;

import io.vertx.mutiny.sqlclient.Row;

/** One mailbox as stored. */
public record MailboxRow(
    long id,
    long accountId,
    String name,
    long uidValidity,
    long uidNext,
    long highestModseq,
    long recentFloor,
    String specialUse,
    boolean subscribed,
    boolean selectable) {

  static MailboxRow from(Row row) {
    return new MailboxRow(
        row.getLong("id"),
        row.getLong("account_id"),
        row.getString("name"),
        row.getLong("uid_validity"),
        row.getLong("uid_next"),
        row.getLong("highest_modseq"),
        row.getLong("recent_floor"),
        row.getString("special_use"),
        row.getBoolean("subscribed"),
        row.getBoolean("selectable"));
  }
}
