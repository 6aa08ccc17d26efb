package io.mailroom.store.lmtp;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * The temp file one message body is written to during DATA, through Vert.x's asynchronous file API
 * so the event loop never waits on the disk. Owner-only permissions: it holds someone's mail.
 */
final class Spool {
  private static final Logger LOG = Logger.getLogger(Spool.class);

  private final Vertx vertx;
  private final Path path;
  private final AsyncFile file;
  private boolean failed;
  private boolean closed;

  private Spool(Vertx vertx, Path path, AsyncFile file) {
    this.vertx = vertx;
    this.path = path;
    this.file = file;
    file.exceptionHandler(this::fail);
  }

  static Future<Spool> create(Vertx vertx, String directory) {
    var fs = vertx.fileSystem();
    Future<String> created =
        directory == null
            ? fs.createTempFile("lmtp-", ".eml", "rw-------")
            : fs.createTempFile(directory, "lmtp-", ".eml", "rw-------");
    return created.compose(
        name ->
            fs.open(name, new OpenOptions().setWrite(true).setTruncateExisting(true))
                .map(file -> new Spool(vertx, Path.of(name), file))
                .onFailure(e -> fs.delete(name)));
  }

  Path path() {
    return path;
  }

  void write(Buffer chunk) {
    if (!failed) {
      file.write(chunk).onFailure(this::fail);
    }
  }

  /** True while the disk lags behind the client; the connection stops reading until drained. */
  boolean congested(Handler<Void> drained) {
    if (!failed && file.writeQueueFull()) {
      file.drainHandler(drained);
      return true;
    }
    return false;
  }

  /** Flushes and closes; fails if any write failed, so a truncated body is never delivered. */
  Future<Void> finish() {
    closed = true;
    return file.close()
        .compose(
            v -> failed ? Future.failedFuture("spool write failed") : Future.succeededFuture());
  }

  /** Removes the file; safe to call in any state and more than once. */
  void discard() {
    Future<Void> closing = closed ? Future.succeededFuture() : file.close();
    closed = true;
    closing.onComplete(
        ignored ->
            vertx
                .fileSystem()
                .delete(path.toString())
                .onFailure(e -> LOG.debugf("spool %s already gone: %s", path, e.getMessage())));
  }

  private void fail(Throwable failure) {
    if (!failed) {
      LOG.warnf(failure, "writing spool %s failed", path);
    }
    failed = true;
  }
}
