package io.mailroom.filter.execution;

import java.util.List;

/**
 * How one message's plan went.
 *
 * @param outcome filed, kept, discarded, or error (the script failed; the message was kept)
 * @param reason what went wrong or was changed (e.g. a fileinto that fell back to keep), or null
 * @param locations where the message is now
 */
public record MessageOutcome(
    long uid, List<String> actions, String outcome, String reason, List<Location> locations) {

  public record Location(String mailbox, long uid) {}
}
