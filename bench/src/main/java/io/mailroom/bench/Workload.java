package io.mailroom.bench;

import java.util.List;

/**
 * One named load the driver can run ({@code --workloads imap-steady,...}).
 *
 * <p>{@link #run} is called on the driver's main thread, which may block on futures (see {@link
 * BenchContext#await}); the sessions themselves run on {@link BenchContext#vertx()}'s event loops
 * and must never block. A workload seeds what it needs first, then opens a {@link MeasuringWindow}
 * around the part that is measured, and returns one result per phase (pop3 gives pop3-keep and
 * pop3-dele, lmtp gives lmtp and lmtp-sieve).
 */
public interface Workload {

  /** The name --workloads selects it by. */
  String name();

  /**
   * How many accounts of the accounts file this workload uses, the first ones in file order; the
   * driver refuses to start when the file has fewer.
   */
  int accountsNeeded(BenchOptions options);

  List<WorkloadResult> run(BenchContext ctx) throws Exception;
}
