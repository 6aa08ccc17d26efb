package io.mailroom.imap.fake;

import io.grpc.Status;
import io.mailroom.store.api.v1.CreateMailboxReply;
import io.mailroom.store.api.v1.CreateMailboxRequest;
import io.mailroom.store.api.v1.DeleteMailboxReply;
import io.mailroom.store.api.v1.DeleteMailboxRequest;
import io.mailroom.store.api.v1.ErrorCode;
import io.mailroom.store.api.v1.ListMailboxesReply;
import io.mailroom.store.api.v1.ListMailboxesRequest;
import io.mailroom.store.api.v1.MailboxEntry;
import io.mailroom.store.api.v1.MailboxStatus;
import io.mailroom.store.api.v1.Mailboxes;
import io.mailroom.store.api.v1.RenameMailboxReply;
import io.mailroom.store.api.v1.RenameMailboxRequest;
import io.mailroom.store.api.v1.StatusReply;
import io.mailroom.store.api.v1.StatusRequest;
import io.mailroom.store.api.v1.SubscribeReply;
import io.mailroom.store.api.v1.SubscribeRequest;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.function.Supplier;
import java.util.regex.Pattern;

@GrpcService
public class FakeMailboxesService implements Mailboxes {
  private final FakeStore store;

  FakeMailboxesService(FakeStore store) {
    this.store = store;
  }

  private static <T> Uni<T> call(Supplier<T> body) {
    return Uni.createFrom().item(body);
  }

  @Override
  public Uni<ListMailboxesReply> list(ListMailboxesRequest request) {
    String token = TokenInterceptor.TOKEN.get();
    return call(
        () -> {
          var account = store.byToken(token);
          synchronized (store) {
            String pattern = request.getReference() + request.getPattern();
            var regex =
                Pattern.compile(
                    Pattern.quote(pattern).replace("*", "\\E.*\\Q").replace("%", "\\E[^/]*\\Q"),
                    Pattern.CASE_INSENSITIVE);
            var reply = ListMailboxesReply.newBuilder().setDelimiter("/");
            for (var box : account.mailboxes.values()) {
              if (!regex.matcher(box.name).matches()
                  || (request.getSubscribedOnly() && !box.subscribed)) {
                continue;
              }
              var attributes = new ArrayList<String>();
              boolean children =
                  account.mailboxes.keySet().stream().anyMatch(n -> n.startsWith(box.name + "/"));
              attributes.add(children ? "\\HasChildren" : "\\HasNoChildren");
              if (!box.specialUse.isEmpty()) {
                attributes.add(box.specialUse);
              }
              if (box.subscribed) {
                attributes.add("\\Subscribed");
              }
              reply.addMailboxes(
                  MailboxEntry.newBuilder()
                      .setName(box.name)
                      .addAllAttributes(attributes)
                      .setMailboxId(box.id));
            }
            return reply.build();
          }
        });
  }

  @Override
  public Uni<CreateMailboxReply> create(CreateMailboxRequest request) {
    String token = TokenInterceptor.TOKEN.get();
    return call(
        () -> {
          var account = store.byToken(token);
          var box = store.create(account, request.getName(), request.getSpecialUse());
          return CreateMailboxReply.newBuilder()
              .setMailboxId(box.id)
              .setUidValidity((int) box.uidValidity)
              .build();
        });
  }

  @Override
  public Uni<DeleteMailboxReply> delete(DeleteMailboxRequest request) {
    String token = TokenInterceptor.TOKEN.get();
    return call(
        () -> {
          var account = store.byToken(token);
          synchronized (store) {
            var box = store.mailbox(account, request.getName());
            if (box.name.equals("INBOX")) {
              throw FakeStore.failure(Status.FAILED_PRECONDITION, ErrorCode.CANNOT, "inbox");
            }
            account.mailboxes.remove(box.name);
            return DeleteMailboxReply.getDefaultInstance();
          }
        });
  }

  @Override
  public Uni<RenameMailboxReply> rename(RenameMailboxRequest request) {
    String token = TokenInterceptor.TOKEN.get();
    return call(
        () -> {
          var account = store.byToken(token);
          synchronized (store) {
            var box = store.mailbox(account, request.getFrom());
            if (store.mailboxOrNull(account, request.getTo()) != null) {
              throw FakeStore.failure(Status.ALREADY_EXISTS, ErrorCode.ALREADYEXISTS, "exists");
            }
            String from = box.name;
            for (var name : new ArrayList<>(account.mailboxes.keySet())) {
              if (name.equals(from) || name.startsWith(from + "/")) {
                var moved = account.mailboxes.remove(name);
                moved.name = request.getTo() + name.substring(from.length());
                account.mailboxes.put(moved.name, moved);
              }
            }
            return RenameMailboxReply.getDefaultInstance();
          }
        });
  }

  @Override
  public Uni<SubscribeReply> subscribe(SubscribeRequest request) {
    String token = TokenInterceptor.TOKEN.get();
    return call(
        () -> {
          var account = store.byToken(token);
          synchronized (store) {
            store.mailbox(account, request.getName()).subscribed = request.getSubscribe();
            return SubscribeReply.getDefaultInstance();
          }
        });
  }

  @Override
  public Uni<StatusReply> status(StatusRequest request) {
    String token = TokenInterceptor.TOKEN.get();
    return call(
        () -> {
          var account = store.byToken(token);
          synchronized (store) {
            var reply = StatusReply.newBuilder();
            for (String name : request.getNamesList()) {
              var box = store.mailbox(account, name);
              long unseen =
                  box.messages.values().stream().filter(m -> !m.flags.contains("\\Seen")).count();
              long recent =
                  box.messages.keySet().stream().filter(u -> u > box.recentClaimedUpTo).count();
              reply.addStatuses(
                  MailboxStatus.newBuilder()
                      .setName(box.name)
                      .setMailboxId(box.id)
                      .setMessages(box.messages.size())
                      .setRecent((int) recent)
                      .setUidNext((int) box.uidNext)
                      .setUidValidity((int) box.uidValidity)
                      .setUnseen((int) unseen)
                      .setHighestModseq(box.highestModseq)
                      .setSize(
                          box.messages.values().stream().mapToLong(m -> m.bytes.length).sum()));
            }
            return reply.build();
          }
        });
  }
}
