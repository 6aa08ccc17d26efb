package io.mailroom.filter.execution;

import io.mailroom.filter.sieve.CompiledScript;
import io.mailroom.filter.sieve.MessageView;
import io.mailroom.filter.sieve.SieveEngine;
import io.mailroom.filter.sieve.SieveRuntimeException;
import io.mailroom.filter.store.StoreClient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Runs a script without doing anything: answers what it would do, message by message. */
@ApplicationScoped
public class DryRun {
  private final SieveEngine engine;
  private final StoreClient store;
  private final MessageReader reader;

  DryRun(SieveEngine engine, StoreClient store, MessageReader reader) {
    this.engine = engine;
    this.store = store;
    this.reader = reader;
  }

  /** What the script would do with one message; uid is null for an uploaded message. */
  public record Result(Long uid, List<String> actions, String error) {}

  public Uni<Result> rawMessage(String account, CompiledScript script, byte[] raw) {
    Uni<Optional<Set<String>>> mailboxes =
        script.needsMailboxes()
            ? store.mailboxNames(account).map(Optional::of)
            : Uni.createFrom().item(Optional.empty());
    return mailboxes
        .emitOn(Infrastructure.getDefaultWorkerPool())
        .map(names -> evaluate(null, script, view(raw, names)));
  }

  /** The last {@code limit} messages of a mailbox, oldest first. */
  public Uni<List<Result>> mailbox(
      String account, CompiledScript script, String mailbox, int limit) {
    return store
        .examine(account, mailbox)
        .flatMap(
            snapshot -> {
              var uids = snapshot.uids();
              var last = uids.subList(Math.max(0, uids.size() - limit), uids.size());
              return Multi.createFrom()
                  .iterable(last)
                  .onItem()
                  .transformToUniAndConcatenate(
                      uid ->
                          reader
                              .read(account, snapshot.key(), uid, script, "", "")
                              .emitOn(Infrastructure.getDefaultWorkerPool())
                              .map(
                                  view ->
                                      view.isEmpty()
                                          ? new Result(uid, List.of(), "message is gone")
                                          : evaluate(uid, script, view.get())))
                  .collect()
                  .asList();
            });
  }

  private Result evaluate(Long uid, CompiledScript script, MessageView view) {
    try {
      var actions = engine.evaluate(script, view);
      return new Result(uid, actions.stream().map(a -> a.describe()).toList(), null);
    } catch (SieveRuntimeException e) {
      return new Result(uid, List.of("keep"), e.getMessage());
    }
  }

  static MessageView view(byte[] raw, Optional<Set<String>> mailboxes) {
    var text = new String(raw, StandardCharsets.UTF_8);
    var end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      end = text.indexOf("\n\n");
    }
    var header = end < 0 ? text : text.substring(0, end);
    return new MessageView(
        MessageView.parseHeaderSection(header), "", "", raw.length, Optional.of(raw), mailboxes);
  }
}
