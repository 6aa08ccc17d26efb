package io.mailroom.store.persistence;

import io.mailroom.store.message.UidSet;
import java.util.List;

/**
 * A UID set as a SQL condition on {@code mm.uid}. "n:*" includes the highest UID even when n is
 * larger (RFC 3501 6.4.8), so "*" is resolved against the mailbox in SQL.
 */
public final class UidSetSql {
  private UidSetSql() {}

  /**
   * @param mailboxParam the placeholder holding the mailbox id, e.g. "$1"
   */
  public static String condition(UidSet set, List<Object> params, String mailboxParam) {
    if (set.isEmpty()) {
      return "false";
    }
    String max =
        "(select coalesce(max(uid), 0) from mailbox_message where mailbox_id = "
            + mailboxParam
            + ")";
    StringBuilder sql = new StringBuilder("(");
    for (int i = 0; i < set.ranges().size(); i++) {
      UidSet.Range r = set.ranges().get(i);
      if (i > 0) {
        sql.append(" or ");
      }
      params.add(r.first());
      String first = Sql.last(params);
      if (r.toStar()) {
        sql.append("mm.uid between least(")
            .append(first)
            .append(", ")
            .append(max)
            .append(") and ")
            .append(max);
      } else if (r.first() == r.last()) {
        sql.append("mm.uid = ").append(first);
      } else {
        params.add(r.last());
        sql.append("mm.uid between ").append(first).append(" and ").append(Sql.last(params));
      }
    }
    return sql.append(")").toString();
  }
}
