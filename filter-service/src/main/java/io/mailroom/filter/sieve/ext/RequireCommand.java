package io.mailroom.filter.sieve.ext;

import io.mailroom.filter.sieve.Capabilities;
import org.apache.jsieve.SieveContext;
import org.apache.jsieve.commands.Require;
import org.apache.jsieve.exception.FeatureException;
import org.apache.jsieve.mail.MailAdapter;

/**
 * jSieve's require looks capabilities up as command or test names, which "imap4flags" or "copy" are
 * not; ours checks the advertised capability list instead.
 */
public class RequireCommand extends Require {
  @Override
  protected void validateFeature(String name, MailAdapter mail, SieveContext context)
      throws FeatureException {
    if (!Capabilities.SUPPORTED.contains(name)) {
      throw new FeatureException("unsupported extension \"" + name + "\"");
    }
  }
}
