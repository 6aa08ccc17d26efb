package io.mailroom.store.message;

/** How STORE combines the given flags with the message's. */
public enum FlagMode {
  ADD,
  REMOVE,
  REPLACE
}
