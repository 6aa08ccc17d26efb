package io.mailroom.store.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The changing calls the in-memory store received since its last reset, in arrival order. */
public final class CallLog {
  private final List<StoreCall> calls = new CopyOnWriteArrayList<>();

  void add(StoreCall call) {
    calls.add(call);
  }

  void clear() {
    calls.clear();
  }

  /** Every call, from any account. */
  public List<StoreCall> all() {
    return List.copyOf(calls);
  }

  /** The calls made for {@code account}. */
  public List<StoreCall> of(String account) {
    return calls.stream().filter(call -> call.account().equals(account)).toList();
  }

  /** The calls of one method ("move", ...) made for {@code account}. */
  public List<StoreCall> of(String account, String method) {
    return of(account).stream().filter(call -> call.method().equals(method)).toList();
  }
}
