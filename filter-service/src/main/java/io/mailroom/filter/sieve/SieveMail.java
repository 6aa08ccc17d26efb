package io.mailroom.filter.sieve;

import io.mailroom.filter.sieve.ext.SieveMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.jsieve.SieveContext;
import org.apache.jsieve.exception.InternetAddressException;
import org.apache.jsieve.mail.Action;
import org.apache.jsieve.mail.ActionDiscard;
import org.apache.jsieve.mail.ActionKeep;
import org.apache.jsieve.mail.MailAdapter;
import org.apache.jsieve.mail.SieveMailException;
import org.apache.jsieve.mail.optional.EnvelopeAccessors;
import org.apache.jsieve.parser.address.SieveAddressBuilder;
import org.apache.jsieve.parser.generated.address.ParseException;

/**
 * jSieve's view of one message. It only reads the {@link MessageView} and collects actions: no side
 * effect happens during evaluation. It also holds the imap4flags internal variable (RFC 5232),
 * which starts empty.
 */
final class SieveMail implements MailAdapter, EnvelopeAccessors, SieveMessage {
  private final MessageView message;
  private final List<Action> actions = new ArrayList<>();
  private final Set<String> flags = new LinkedHashSet<>();
  private BodyParts body;

  SieveMail(MessageView message) {
    this.message = message;
  }

  MessageView message() {
    return message;
  }

  @Override
  public Set<String> internalFlags() {
    return flags;
  }

  @Override
  public Optional<Set<String>> mailboxes() {
    return message.mailboxes();
  }

  @Override
  public List<String> bodyTexts(String transform, List<String> contentTypes)
      throws SieveMailException {
    return switch (transform) {
      case ":raw" -> List.of(body().raw());
      case ":content" -> body().content(contentTypes);
      default -> body().text();
    };
  }

  BodyParts body() throws SieveMailException {
    if (body == null) {
      var raw =
          message
              .rawMessage()
              .orElseThrow(() -> new SieveMailException("message body was not fetched"));
      body = BodyParts.parse(raw);
    }
    return body;
  }

  /** The collected actions in order, with jSieve's own keep/discard mapped to ours. */
  List<FilterAction> filterActions() {
    var result = new ArrayList<FilterAction>();
    for (var action : actions) {
      if (action instanceof FilterAction ours) {
        result.add(ours);
      } else if (action instanceof ActionKeep) {
        // The implicit keep takes the flags variable as it stands at the end (RFC 5232 3).
        result.add(new FilterAction.Keep(List.copyOf(flags)));
      } else if (action instanceof ActionDiscard) {
        result.add(new FilterAction.Discard());
      }
    }
    return result;
  }

  @Override
  public void setContext(SieveContext context) {}

  @Override
  public List<Action> getActions() {
    return actions;
  }

  @Override
  public void addAction(Action action) {
    actions.add(action);
  }

  @Override
  public void executeActions() {
    // Deliberately nothing: the caller applies filterActions() through the store.
  }

  @Override
  public List<String> getHeader(String name) {
    return message.values(name);
  }

  @Override
  public List<String> getMatchingHeader(String name) {
    var decoded = new ArrayList<String>();
    for (var value : message.values(name)) {
      decoded.add(DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT));
    }
    return decoded;
  }

  @Override
  public List<String> getHeaderNames() {
    return message.names();
  }

  @Override
  public int getSize() {
    return (int) Math.min(Integer.MAX_VALUE, message.size());
  }

  @Override
  public String getContentType() {
    var values = message.values("Content-Type");
    return values.isEmpty() ? "text/plain" : values.get(0);
  }

  @Override
  public boolean isInBodyText(List<String> phrasesCaseInsensitive) throws SieveMailException {
    return containsAny(body().text(), phrasesCaseInsensitive);
  }

  @Override
  public boolean isInBodyRaw(List<String> phrasesCaseInsensitive) throws SieveMailException {
    return containsAny(List.of(body().raw()), phrasesCaseInsensitive);
  }

  @Override
  public boolean isInBodyContent(List<String> contentTypes, List<String> phrasesCaseInsensitive)
      throws SieveMailException {
    return containsAny(body().content(contentTypes), phrasesCaseInsensitive);
  }

  private static boolean containsAny(List<String> texts, List<String> phrases) {
    for (var text : texts) {
      var lower = text.toLowerCase(Locale.ROOT);
      for (var phrase : phrases) {
        if (lower.contains(phrase.toLowerCase(Locale.ROOT))) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public Address[] parseAddresses(String headerName)
      throws SieveMailException, InternetAddressException {
    var builder = new SieveAddressBuilder();
    for (var value : message.values(headerName)) {
      try {
        builder.addAddresses(DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT));
      } catch (ParseException e) {
        // RFC 5228 5.1: an unparsable address header simply does not match.
        continue;
      }
    }
    return builder.getAddresses();
  }

  @Override
  public List<String> getEnvelope(String name) {
    return envelope(name);
  }

  @Override
  public List<String> getEnvelopeNames() {
    return List.of("from", "to");
  }

  @Override
  public List<String> getMatchingEnvelope(String name) {
    return envelope(name);
  }

  private List<String> envelope(String name) {
    var value =
        switch (name.toLowerCase(Locale.ROOT)) {
          case "from" -> message.envelopeFrom();
          case "to" -> message.envelopeTo();
          default -> null;
        };
    return value == null || value.isEmpty() ? List.of() : List.of(value);
  }
}
