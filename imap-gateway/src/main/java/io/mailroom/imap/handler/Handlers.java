package io.mailroom.imap.handler;

import io.mailroom.imap.command.Command;
import io.smallrye.mutiny.Uni;

/** Sends each command record to its handler; the sealed interface keeps this list complete. */
public final class Handlers {
  private final CapabilityHandler capability = new CapabilityHandler();
  private final NoopHandler noop = new NoopHandler();
  private final LogoutHandler logout = new LogoutHandler();
  private final IdHandler id = new IdHandler();
  private final StartTlsHandler startTls = new StartTlsHandler();
  private final LoginHandler login = new LoginHandler();
  private final AuthenticateHandler authenticate = new AuthenticateHandler();
  private final EnableHandler enable = new EnableHandler();
  private final NamespaceHandler namespace = new NamespaceHandler();
  private final SelectHandler select = new SelectHandler();
  private final CreateHandler create = new CreateHandler();
  private final DeleteHandler delete = new DeleteHandler();
  private final RenameHandler rename = new RenameHandler();
  private final SubscribeHandler subscribe = new SubscribeHandler();
  private final ListHandler list = new ListHandler();
  private final StatusHandler status = new StatusHandler();
  private final AppendHandler append = new AppendHandler();
  private final IdleHandler idle = new IdleHandler();
  private final CloseHandler close = new CloseHandler();
  private final ExpungeHandler expunge = new ExpungeHandler();
  private final SearchHandler search = new SearchHandler();
  private final FetchHandler fetch = new FetchHandler();
  private final StoreHandler store = new StoreHandler();
  private final CopyHandler copy = new CopyHandler();

  public Uni<Completion> handle(Command command, CommandContext ctx) {
    if (command instanceof Command.Capability c) {
      return capability.handle(c, ctx);
    } else if (command instanceof Command.Noop || command instanceof Command.Check) {
      return noop.handle(command, ctx);
    } else if (command instanceof Command.Logout c) {
      return logout.handle(c, ctx);
    } else if (command instanceof Command.Id c) {
      return id.handle(c, ctx);
    } else if (command instanceof Command.StartTls c) {
      return startTls.handle(c, ctx);
    } else if (command instanceof Command.Login c) {
      return login.handle(c, ctx);
    } else if (command instanceof Command.Authenticate c) {
      return authenticate.handle(c, ctx);
    } else if (command instanceof Command.Enable c) {
      return enable.handle(c, ctx);
    } else if (command instanceof Command.Namespace c) {
      return namespace.handle(c, ctx);
    } else if (command instanceof Command.Select c) {
      return select.handle(c, ctx);
    } else if (command instanceof Command.Create c) {
      return create.handle(c, ctx);
    } else if (command instanceof Command.Delete c) {
      return delete.handle(c, ctx);
    } else if (command instanceof Command.Rename c) {
      return rename.handle(c, ctx);
    } else if (command instanceof Command.Subscribe c) {
      return subscribe.handle(c, ctx);
    } else if (command instanceof Command.ListMailboxes c) {
      return list.handle(c, ctx);
    } else if (command instanceof Command.Status c) {
      return status.handle(c, ctx);
    } else if (command instanceof Command.Append c) {
      return append.handle(c, ctx);
    } else if (command instanceof Command.Idle c) {
      return idle.handle(c, ctx);
    } else if (command instanceof Command.Close || command instanceof Command.Unselect) {
      return close.handle(command, ctx);
    } else if (command instanceof Command.Expunge c) {
      return expunge.handle(c, ctx);
    } else if (command instanceof Command.Search c) {
      return search.handle(c, ctx);
    } else if (command instanceof Command.Fetch c) {
      return fetch.handle(c, ctx);
    } else if (command instanceof Command.Store c) {
      return store.handle(c, ctx);
    } else if (command instanceof Command.Copy c) {
      return copy.handle(c, ctx);
    }
    // Every record of the sealed Command has a branch above; Java 17 has no exhaustive switch.
    throw new IllegalStateException("no handler for " + command.getClass().getSimpleName());
  }
}
