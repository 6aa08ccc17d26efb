package io.mailroom.filter.rest;

import io.mailroom.filter.execution.ApplyJobConflict;
import io.mailroom.filter.execution.ApplyJobs;
import io.mailroom.filter.execution.AuditLog;
import io.mailroom.filter.execution.DryRun;
import io.mailroom.filter.script.Direction;
import io.mailroom.filter.script.Script;
import io.mailroom.filter.script.ScriptRejected;
import io.mailroom.filter.script.ScriptService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/** REST management of an account's Sieve scripts, dry runs, apply jobs and the audit trail. */
@Path("/filters/v1/accounts/{username}")
@Produces(MediaType.APPLICATION_JSON)
public class ScriptResource {
  static final String SIEVE = "application/sieve";
  private static final int MAX_DRY_RUN = 1000;

  private final ScriptService scripts;
  private final AccountAccess access;
  private final DryRun dryRun;
  private final ApplyJobs jobs;
  private final AuditLog audit;

  ScriptResource(
      ScriptService scripts, AccountAccess access, DryRun dryRun, ApplyJobs jobs, AuditLog audit) {
    this.scripts = scripts;
    this.access = access;
    this.dryRun = dryRun;
    this.jobs = jobs;
    this.audit = audit;
  }

  @Context HttpHeaders headers;

  @Context HttpServerRequest request;

  private Uni<Response> guarded(String username, Supplier<Uni<Response>> action) {
    var remote = request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
    return access
        .check(headers.getHeaderString(HttpHeaders.AUTHORIZATION), username, remote)
        .flatMap(ignored -> action.get());
  }

  @GET
  @Path("scripts")
  public Uni<Response> list(@PathParam("username") String username) {
    return guarded(
        username,
        () ->
            scripts
                .list(username)
                .map(all -> Response.ok(all.stream().map(ScriptView::of).toList()).build()));
  }

  @PUT
  @Path("scripts/{name}")
  @Consumes({SIEVE, MediaType.TEXT_PLAIN})
  public Uni<Response> put(
      @PathParam("username") String username, @PathParam("name") String name, byte[] body) {
    return guarded(
        username,
        () -> {
          if (body.length > scripts.maxSize()) {
            // Checked on octets before decoding, so an oversize body is never parsed.
            return Uni.createFrom()
                .failure(
                    new ScriptRejected(
                        ScriptRejected.Kind.TOO_LARGE,
                        "the script is larger than the limit of " + scripts.maxSize() + " octets"));
          }
          return scripts
              .put(username, name, new String(body, StandardCharsets.UTF_8))
              .map(
                  script ->
                      Response.status(script.version() == 1 ? 201 : 200)
                          .entity(ScriptView.of(script))
                          .build());
        });
  }

  @GET
  @Path("scripts/{name}")
  @Produces({SIEVE, MediaType.APPLICATION_JSON})
  public Uni<Response> get(@PathParam("username") String username, @PathParam("name") String name) {
    return guarded(
        username,
        () ->
            scripts
                .get(username, name)
                .map(
                    found ->
                        found
                            .map(
                                script ->
                                    Response.ok(script.content(), SIEVE)
                                        .header("X-Script-Version", script.version())
                                        .build())
                            .orElseThrow(() -> notFound(name))));
  }

  @DELETE
  @Path("scripts/{name}")
  public Uni<Response> delete(
      @PathParam("username") String username, @PathParam("name") String name) {
    return guarded(
        username, () -> scripts.delete(username, name).replaceWith(Response.noContent().build()));
  }

  @POST
  @Path("scripts/{name}/activate")
  public Uni<Response> activate(
      @PathParam("username") String username,
      @PathParam("name") String name,
      @QueryParam("direction") String direction) {
    return guarded(
        username,
        () -> {
          var parsed = Direction.parse(direction == null ? "incoming" : direction);
          if (parsed.isEmpty()) {
            return Uni.createFrom()
                .item(
                    Response.status(400)
                        .entity(new ErrorBody("direction must be incoming or outgoing"))
                        .build());
          }
          return scripts
              .activate(username, name, parsed.get())
              .replaceWith(Response.noContent().build());
        });
  }

  /** Deactivates whatever script is active for the direction. */
  @POST
  @Path("deactivate")
  public Uni<Response> deactivate(
      @PathParam("username") String username, @QueryParam("direction") String direction) {
    return guarded(
        username,
        () -> {
          var parsed = Direction.parse(direction);
          if (parsed.isEmpty()) {
            return Uni.createFrom()
                .item(
                    Response.status(400)
                        .entity(new ErrorBody("direction must be incoming or outgoing"))
                        .build());
          }
          return scripts
              .activate(username, null, parsed.get())
              .replaceWith(Response.noContent().build());
        });
  }

  /** Dry run on an uploaded message. */
  @POST
  @Path("scripts/{name}/dry-run")
  @Consumes("message/rfc822")
  public Uni<Response> dryRunMessage(
      @PathParam("username") String username, @PathParam("name") String name, byte[] message) {
    return guarded(
        username,
        () ->
            stored(username, name)
                .flatMap(
                    script ->
                        dryRun.rawMessage(username, scripts.compiled(script).compiled(), message))
                .map(result -> Response.ok(new DryRunAnswer(List.of(result))).build()));
  }

  /** The body of a dry run or apply over a mailbox. */
  public record MailboxRequest(String mailbox, Integer limit) {}

  /** The answer of a dry run: what would happen to each message. */
  public record DryRunAnswer(List<DryRun.Result> messages) {}

  /** Dry run over the last messages of a mailbox. */
  @POST
  @Path("scripts/{name}/dry-run")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> dryRunMailbox(
      @PathParam("username") String username, @PathParam("name") String name, MailboxRequest body) {
    return guarded(
        username,
        () -> {
          var mailbox = body == null || body.mailbox() == null ? "INBOX" : body.mailbox();
          var limit = body == null || body.limit() == null ? 100 : body.limit();
          if (limit < 1 || limit > MAX_DRY_RUN) {
            return Uni.createFrom()
                .item(
                    Response.status(400)
                        .entity(new ErrorBody("limit must be between 1 and " + MAX_DRY_RUN))
                        .build());
          }
          return stored(username, name)
              .flatMap(
                  script ->
                      dryRun.mailbox(username, scripts.compiled(script).compiled(), mailbox, limit))
              .map(results -> Response.ok(new DryRunAnswer(results)).build());
        });
  }

  /**
   * Runs the script over a mailbox's existing messages; answers a job to poll, or 409 while the
   * mailbox has a live job.
   */
  @POST
  @Path("scripts/{name}/apply")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> apply(
      @PathParam("username") String username, @PathParam("name") String name, MailboxRequest body) {
    return guarded(
        username,
        () -> {
          var mailbox = body == null || body.mailbox() == null ? "INBOX" : body.mailbox();
          return stored(username, name)
              .flatMap(script -> jobs.start(username, scripts.compiled(script), mailbox))
              .map(
                  job ->
                      Response.accepted(job)
                          .location(
                              URI.create("/filters/v1/accounts/" + username + "/jobs/" + job.id()))
                          .build())
              .onFailure(ApplyJobConflict.class)
              .recoverWithItem(
                  e -> Response.status(409).entity(new ErrorBody(e.getMessage())).build());
        });
  }

  /** The job as stored: any replica answers, whichever one runs it. */
  @GET
  @Path("jobs/{id}")
  public Uni<Response> job(@PathParam("username") String username, @PathParam("id") String id) {
    return guarded(
        username,
        () ->
            jobs.find(username, id)
                .map(
                    found ->
                        found
                            .map(job -> Response.ok(job).build())
                            .orElseGet(
                                () ->
                                    Response.status(404)
                                        .entity(new ErrorBody("no such job"))
                                        .build())));
  }

  /** "Why is this message here?": the audit records of a message, newest first. */
  @GET
  @Path("audit")
  public Uni<Response> audit(
      @PathParam("username") String username,
      @QueryParam("mailbox") String mailbox,
      @QueryParam("uid") Long uid,
      @QueryParam("limit") Integer limit) {
    return guarded(
        username,
        () ->
            audit
                .find(
                    username,
                    mailbox == null || mailbox.isEmpty() ? null : mailbox,
                    uid,
                    limit == null ? 100 : Math.max(1, Math.min(limit, 1000)))
                .map(entries -> Response.ok(entries).build()));
  }

  private Uni<Script> stored(String username, String name) {
    return scripts.get(username, name).map(found -> found.orElseThrow(() -> notFound(name)));
  }

  private static ScriptRejected notFound(String name) {
    return new ScriptRejected(ScriptRejected.Kind.NOT_FOUND, "no script named \"" + name + "\"");
  }
}
