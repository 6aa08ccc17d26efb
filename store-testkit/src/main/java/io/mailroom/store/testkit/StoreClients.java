package io.mailroom.store.testkit;

import io.grpc.Channel;
import io.mailroom.store.client.StoreCalls;
import io.mailroom.store.client.StoreStubs;
import io.mailroom.store.client.auth.AuthClient;
import io.mailroom.store.client.mailbox.MailboxClient;
import io.mailroom.store.client.mailbox.SelectClient;
import io.mailroom.store.client.maildrop.MaildropClient;
import io.mailroom.store.client.message.AppendClient;
import io.mailroom.store.client.message.FetchClient;
import io.mailroom.store.client.message.MessageUpdateClient;
import io.mailroom.store.client.message.SearchClient;
import java.time.Duration;
import java.util.List;

/** store-client's clients on one channel, made by hand: for tests that run without CDI. */
public record StoreClients(
    AuthClient auth,
    MaildropClient maildrop,
    FetchClient fetch,
    MessageUpdateClient updates,
    MailboxClient mailboxes,
    SelectClient select,
    AppendClient append,
    SearchClient search) {

  /** The clients over {@code channel}, with a deadline no test machine should reach. */
  public static StoreClients over(Channel channel) {
    var calls = new StoreCalls(Duration.ofSeconds(30), List.of());
    var stubs = new StoreStubs(channel);
    return new StoreClients(
        new AuthClient(calls, stubs),
        new MaildropClient(calls, stubs),
        new FetchClient(calls, stubs),
        new MessageUpdateClient(calls, stubs),
        new MailboxClient(calls, stubs),
        new SelectClient(calls, stubs),
        new AppendClient(calls, stubs),
        new SearchClient(calls, stubs));
  }
}
