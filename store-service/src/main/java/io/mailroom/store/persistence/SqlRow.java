package io.mailroom.store.persistence;

import java.time.OffsetDateTime;
import java.util.List;

/** One row of a native query, read by column position. */
public record SqlRow(Object[] values) {

  public long getLong(int i) {
    return ((Number) values[i]).longValue();
  }

  public int getInt(int i) {
    return ((Number) values[i]).intValue();
  }

  public String getString(int i) {
    return (String) values[i];
  }

  public boolean getBoolean(int i) {
    return (Boolean) values[i];
  }

  public OffsetDateTime getOffsetDateTime(int i) {
    return (OffsetDateTime) values[i];
  }

  public byte[] getBytes(int i) {
    return (byte[]) values[i];
  }

  /**
   * A text[] column selected as {@code array_to_string(column, ' ')}: Hibernate Reactive does not
   * read PostgreSQL arrays in native results, and IMAP flags are atoms, which never hold a space.
   */
  public List<String> getWords(int i) {
    String joined = (String) values[i];
    return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(" "));
  }
}
