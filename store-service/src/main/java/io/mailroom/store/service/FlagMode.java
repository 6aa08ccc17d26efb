package io.mailroom.store.service;

/** How STORE combines the given flags with the message's. */
public enum FlagMode {
  ADD,
  REMOVE,
  REPLACE
}
