package io.mailroom.store.testkit;

import io.grpc.stub.StreamObserver;
import io.mailroom.store.api.v1.CreateMailboxReply;
import io.mailroom.store.api.v1.CreateMailboxRequest;
import io.mailroom.store.api.v1.DeleteMailboxReply;
import io.mailroom.store.api.v1.DeleteMailboxRequest;
import io.mailroom.store.api.v1.ErrorCode;
import io.mailroom.store.api.v1.ListMailboxesReply;
import io.mailroom.store.api.v1.ListMailboxesRequest;
import io.mailroom.store.api.v1.MailboxEntry;
import io.mailroom.store.api.v1.MailboxStatus;
import io.mailroom.store.api.v1.MailboxesGrpc;
import io.mailroom.store.api.v1.RenameMailboxReply;
import io.mailroom.store.api.v1.RenameMailboxRequest;
import io.mailroom.store.api.v1.StatusReply;
import io.mailroom.store.api.v1.StatusRequest;
import io.mailroom.store.api.v1.SubscribeReply;
import io.mailroom.store.api.v1.SubscribeRequest;
import io.quarkus.grpc.GrpcService;
import java.util.ArrayList;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The Mailboxes service: LIST, CREATE, DELETE, RENAME, SUBSCRIBE, STATUS, with the real store's
 * rules (its MailboxService, MailboxDeletion and MailboxRename).
 */
@GrpcService
public class InMemoryMailboxes extends MailboxesGrpc.MailboxesImplBase {
  private static final Set<String> SPECIAL_USES =
      Set.of("\\All", "\\Archive", "\\Drafts", "\\Flagged", "\\Junk", "\\Sent", "\\Trash");

  private final InMemoryStore store;

  public InMemoryMailboxes(InMemoryStore store) {
    this.store = store;
  }

  @Override
  public void list(ListMailboxesRequest request, StreamObserver<ListMailboxesReply> observer) {
    locked(
        observer,
        boxes -> {
          var match = MailboxNames.pattern(request.getReference(), request.getPattern());
          var reply = ListMailboxesReply.newBuilder().setDelimiter("/");
          for (Mailbox m : boxes.values()) {
            if (!match.matcher(m.name).matches() || request.getSubscribedOnly() && !m.subscribed) {
              continue;
            }
            var attributes = new ArrayList<String>();
            boolean children = boxes.keySet().stream().anyMatch(n -> n.startsWith(m.name + "/"));
            attributes.add(children ? "\\HasChildren" : "\\HasNoChildren");
            if (!m.selectable) {
              attributes.add("\\Noselect");
            }
            if (m.subscribed && request.getSubscribedOnly()) {
              attributes.add("\\Subscribed");
            }
            if (m.specialUse != null) {
              attributes.add(m.specialUse);
            }
            reply.addMailboxes(
                MailboxEntry.newBuilder()
                    .setName(m.name)
                    .addAllAttributes(attributes)
                    .setMailboxId(m.id));
          }
          return reply.build();
        });
  }

  @Override
  public void create(CreateMailboxRequest request, StreamObserver<CreateMailboxReply> observer) {
    locked(
        observer,
        boxes -> {
          String raw = request.getName();
          String trimmed =
              raw.endsWith("/") && raw.length() > 1 ? raw.substring(0, raw.length() - 1) : raw;
          String name = MailboxNames.valid(trimmed);
          String use = request.getSpecialUse().isEmpty() ? null : request.getSpecialUse();
          if (use != null && !SPECIAL_USES.contains(use)) {
            throw StoreErrors.refusal(ErrorCode.CANNOT, "unknown special-use attribute");
          }
          store.createParents(boxes, name);
          Mailbox existing = boxes.get(name);
          if (existing != null && existing.selectable) {
            throw StoreErrors.refusal(ErrorCode.ALREADYEXISTS, "mailbox exists");
          }
          Mailbox made;
          if (existing != null) {
            // a \Noselect name created again is a new mailbox: a new UIDVALIDITY
            existing.selectable = true;
            existing.uidValidity = store.newUidValidity();
            made = existing;
          } else {
            made = store.newMailbox(name, use, false);
            boxes.put(name, made);
          }
          return CreateMailboxReply.newBuilder()
              .setMailboxId(made.id)
              .setUidValidity((int) made.uidValidity)
              .build();
        });
  }

  /** A mailbox with children stays as \Noselect; one without goes with its messages. */
  @Override
  public void delete(DeleteMailboxRequest request, StreamObserver<DeleteMailboxReply> observer) {
    locked(
        observer,
        boxes -> {
          String name = MailboxNames.valid(request.getName());
          if (name.equals("INBOX")) {
            throw StoreErrors.refusal(ErrorCode.CANNOT, "INBOX cannot be deleted");
          }
          Mailbox m = existing(boxes, name);
          boolean children =
              boxes.keySet().stream().anyMatch(n -> MailboxNames.isInferior(n, name));
          if (children && !m.selectable) {
            throw StoreErrors.refusal(ErrorCode.CANNOT, "mailbox has children and is \\Noselect");
          }
          m.messages.clear();
          if (children) {
            m.selectable = false;
          } else {
            boxes.remove(name);
          }
          return DeleteMailboxReply.getDefaultInstance();
        });
  }

  /** The mailbox and its children move; renaming INBOX moves its messages instead (RFC 3501). */
  @Override
  public void rename(RenameMailboxRequest request, StreamObserver<RenameMailboxReply> observer) {
    locked(
        observer,
        boxes -> {
          String from = MailboxNames.valid(request.getFrom());
          String to = MailboxNames.valid(request.getTo());
          if (to.equals("INBOX") || to.equals(from)) {
            throw StoreErrors.refusal(ErrorCode.ALREADYEXISTS, "target mailbox exists");
          }
          if (MailboxNames.isInferior(to, from) && !from.equals("INBOX")) {
            throw StoreErrors.refusal(ErrorCode.CANNOT, "cannot rename a mailbox into itself");
          }
          Mailbox source = existing(boxes, from);
          if (boxes.containsKey(to)) {
            throw StoreErrors.refusal(ErrorCode.ALREADYEXISTS, "target mailbox exists");
          }
          store.createParents(boxes, to);
          if (from.equals("INBOX")) {
            moveInbox(boxes, source, to);
          } else {
            for (String name : new ArrayList<>(boxes.keySet())) {
              if (name.equals(from) || MailboxNames.isInferior(name, from)) {
                Mailbox moved = boxes.remove(name);
                moved.name = to + name.substring(from.length());
                boxes.put(moved.name, moved);
              }
            }
          }
          return RenameMailboxReply.getDefaultInstance();
        });
  }

  /** The messages keep their UIDs in the new mailbox; INBOX records them expunged. */
  private void moveInbox(TreeMap<String, Mailbox> boxes, Mailbox inbox, String to) {
    Mailbox target = store.newMailbox(to, null, false);
    target.nextUid = inbox.nextUid;
    target.highestModseq = inbox.highestModseq;
    boxes.put(to, target);
    var moved = new ArrayList<>(inbox.messages.values());
    moved.forEach(target::add);
    long modseq = inbox.allocate(0)[1];
    moved.forEach(m -> inbox.expunged.put(m.uid(), modseq));
    inbox.messages.clear();
  }

  @Override
  public void subscribe(SubscribeRequest request, StreamObserver<SubscribeReply> observer) {
    locked(
        observer,
        boxes -> {
          existing(boxes, MailboxNames.valid(request.getName())).subscribed =
              request.getSubscribe();
          return SubscribeReply.getDefaultInstance();
        });
  }

  @Override
  public void status(StatusRequest request, StreamObserver<StatusReply> observer) {
    locked(
        observer,
        boxes -> {
          var reply = StatusReply.newBuilder();
          for (String name : request.getNamesList()) {
            Mailbox m = existing(boxes, MailboxNames.valid(name));
            if (!m.selectable) {
              throw StoreErrors.refusal(ErrorCode.NOSELECT, "mailbox is \\Noselect");
            }
            reply.addStatuses(
                MailboxStatus.newBuilder()
                    .setName(m.name)
                    .setMailboxId(m.id)
                    .setMessages(m.messages.size())
                    .setRecent((int) m.recent())
                    .setUidNext((int) m.nextUid)
                    .setUidValidity((int) m.uidValidity)
                    .setUnseen((int) m.unseen())
                    .setHighestModseq(m.highestModseq)
                    .setSize(m.size()));
          }
          return reply.build();
        });
  }

  private static Mailbox existing(TreeMap<String, Mailbox> boxes, String name) {
    Mailbox m = boxes.get(name);
    if (m == null) {
      throw StoreErrors.refusal(ErrorCode.NONEXISTENT, "no such mailbox");
    }
    return m;
  }

  /** A unary call on the caller's mailboxes, under the store's lock. */
  private <R> void locked(StreamObserver<R> observer, Function<TreeMap<String, Mailbox>, R> call) {
    StoreErrors.answer(
        observer,
        () -> {
          String account = StoreErrors.account();
          return store.locked(() -> call.apply(store.mailboxesOf(account)));
        });
  }
}
