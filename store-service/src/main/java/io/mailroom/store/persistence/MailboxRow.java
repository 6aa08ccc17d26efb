package io.mailroom.store.persistence;

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

  /** The columns {@link #from} reads, for native queries. */
  static final String COLUMNS =
      "id, account_id, name, uid_validity, uid_next, highest_modseq, recent_floor, special_use,"
          + " subscribed, selectable";

  /** The same, as an HQL projection of {@link MailboxEntity} m. */
  static final String PROJECTION =
      "select new io.mailroom.store.persistence.MailboxRow(m.id, m.accountId, m.name,"
          + " m.uidValidity, m.uidNext, m.highestModseq, m.recentFloor, m.specialUse,"
          + " m.subscribed, m.selectable) from MailboxEntity m";

  static MailboxRow from(SqlRow row) {
    return new MailboxRow(
        row.getLong(0),
        row.getLong(1),
        row.getString(2),
        row.getLong(3),
        row.getLong(4),
        row.getLong(5),
        row.getLong(6),
        row.getString(7),
        row.getBoolean(8),
        row.getBoolean(9));
  }
}
