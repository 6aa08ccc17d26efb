package io.mailroom.store.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mailroom.store.StoreFailure;
import io.mailroom.store.StoreFailure.Reason;
import io.mailroom.store.account.AccountDetails;
import io.mailroom.store.account.AccountService;
import io.mailroom.store.delivery.DeliveryService;
import io.mailroom.store.ingest.MessageSpool;
import io.mailroom.store.ingest.SpooledMessage;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The admin REST API: accounts and delivering a message to an account's INBOX. */
@Path("/admin/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@SecurityScheme(securitySchemeName = "admin", type = SecuritySchemeType.HTTP, scheme = "bearer")
@SecurityRequirement(name = "admin")
public class AdminResource {

  /**
   * POST body of a new account.
   *
   * @param quotaBytes storage limit in octets; absent, null or 0 is unlimited
   */
  public record NewAccount(String username, String password, Long quotaBytes) {}

  /** PUT body of a password change. */
  public record NewPassword(String password) {}

  /**
   * PUT body of a quota change. The field must be there, so that a misspelt one cannot lift a
   * limit; null or 0 lifts it.
   */
  public record NewQuota(@JsonProperty(required = true) Long quotaBytes) {}

  /**
   * An account as the API shows it (never its hash).
   *
   * @param quotaBytes storage limit in octets; null is unlimited
   * @param usedBytes octets its messages take; only for one account, not in the list (it sums the
   *     account's messages)
   */
  public record AccountView(
      long id,
      String username,
      String createdAt,
      Long quotaBytes,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long usedBytes) {
    static AccountView of(AccountDetails row, Long usedBytes) {
      return new AccountView(
          row.id(), row.username(), row.created().toString(), row.quotaBytes(), usedBytes);
    }
  }

  /** Where a delivered message landed. */
  public record DeliveredView(long mailboxId, long uidValidity, long uid, String emailId) {}

  private final AccountService accounts;
  private final DeliveryService delivery;

  AdminResource(AccountService accounts, DeliveryService delivery) {
    this.accounts = accounts;
    this.delivery = delivery;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create an account with the default mailboxes (201; 409 if it exists)")
  public Uni<Response> create(NewAccount body) {
    if (body == null) {
      throw new StoreFailure(Reason.BAD_REQUEST, "body missing");
    }
    return accounts
        .create(body.username(), body.password(), body.quotaBytes())
        .chain(a -> detail(a.username()))
        .map(
            view ->
                Response.created(URI.create("/admin/v1/accounts/" + view.username()))
                    .entity(view)
                    .build());
  }

  @GET
  @Operation(summary = "List accounts (with quotaBytes, without usedBytes)")
  public Uni<List<AccountView>> list() {
    return accounts.all().map(rows -> rows.stream().map(row -> AccountView.of(row, null)).toList());
  }

  @GET
  @Path("/{username}")
  @Operation(summary = "One account with quotaBytes and usedBytes (404 if unknown)")
  public Uni<AccountView> get(@PathParam("username") String username) {
    return detail(username);
  }

  private Uni<AccountView> detail(String username) {
    return accounts
        .get(username)
        .chain(row -> accounts.usedBytes(row.id()).map(used -> AccountView.of(row, used)));
  }

  @DELETE
  @Path("/{username}")
  @Operation(summary = "Delete an account and all its mail (204; 404 if unknown)")
  public Uni<Response> delete(@PathParam("username") String username) {
    return accounts.delete(username).replaceWith(Response.noContent().build());
  }

  @PUT
  @Path("/{username}/password")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Set a new password (204; 404 if unknown)")
  public Uni<Response> password(@PathParam("username") String username, NewPassword body) {
    if (body == null) {
      throw new StoreFailure(Reason.BAD_REQUEST, "body missing");
    }
    return accounts
        .changePassword(username, body.password())
        .replaceWith(Response.noContent().build());
  }

  @PUT
  @Path("/{username}/quota")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Set the storage limit in octets, null or 0 for unlimited (204; 400 if negative; 404 if"
              + " unknown)")
  public Uni<Response> quota(@PathParam("username") String username, NewQuota body) {
    if (body == null) {
      throw new StoreFailure(Reason.BAD_REQUEST, "body missing");
    }
    return accounts
        .changeQuota(username, body.quotaBytes())
        .replaceWith(Response.noContent().build());
  }

  @POST
  @Path("/{username}/messages")
  @Consumes("message/rfc822")
  @Blocking
  @Operation(
      summary =
          "Deliver an RFC 5322 message to the account's INBOX (201; 413 over the size limit; 507"
              + " over the account's quota)")
  public Response deliver(
      @PathParam("username") String username,
      @HeaderParam("Content-Length") Long contentLength,
      InputStream body) {
    long limit = delivery.maxMessageSize();
    if (contentLength != null && contentLength > limit) {
      throw new StoreFailure(Reason.TOOBIG, "message larger than " + limit + " octets");
    }
    var account = accounts.resolve(username).await().indefinitely();
    SpooledMessage spooled = spool(body, limit);
    try {
      var a = delivery.deliver(account, spooled, "", username).await().indefinitely();
      return Response.status(Response.Status.CREATED)
          .entity(
              new DeliveredView(a.mailbox().id(), a.mailbox().uidValidity(), a.uid(), a.emailId()))
          .build();
    } finally {
      spooled.delete();
    }
  }

  private static SpooledMessage spool(InputStream body, long limit) {
    try (MessageSpool spool = new MessageSpool(limit)) {
      spool.writeAll(body);
      if (spool.received() == 0) {
        throw new StoreFailure(Reason.BAD_REQUEST, "empty message");
      }
      return spool.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
