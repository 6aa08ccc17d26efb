package io.mailroom.filter.sieve;

import java.util.Set;
import org.apache.jsieve.parser.generated.Node;

/**
 * A parsed and validated script. {@code needsBody} and {@code needsMailboxes} tell the caller what
 * to fetch before evaluating, so a script without a body test never reads a message body.
 */
public record CompiledScript(
    Node root, Set<String> capabilities, boolean needsBody, boolean needsMailboxes) {
  public CompiledScript {
    capabilities = Set.copyOf(capabilities);
  }
}
