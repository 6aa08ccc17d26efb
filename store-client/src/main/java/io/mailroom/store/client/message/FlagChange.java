package io.mailroom.store.client.message;

/** How a flag update applies its flags: added, removed, or replacing all flags. */
public enum FlagChange {
  ADD,
  REMOVE,
  REPLACE
}
