package io.mailroom.filter.sieve;

import io.mailroom.filter.sieve.ext.BodyTest;
import io.mailroom.filter.sieve.ext.FileIntoCommand;
import io.mailroom.filter.sieve.ext.FlagCommand;
import io.mailroom.filter.sieve.ext.HasFlagTest;
import io.mailroom.filter.sieve.ext.KeepCommand;
import io.mailroom.filter.sieve.ext.MailboxExistsTest;
import io.mailroom.filter.sieve.ext.RequireCommand;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.jsieve.CommandManagerImpl;
import org.apache.jsieve.ComparatorManagerImpl;
import org.apache.jsieve.SieveFactory;
import org.apache.jsieve.TestManagerImpl;
import org.apache.jsieve.exception.SieveException;
import org.apache.jsieve.parser.generated.ParseException;
import org.apache.jsieve.parser.generated.SieveParser;
import org.apache.jsieve.parser.generated.TokenMgrError;

/**
 * Compiles and runs Sieve scripts on Apache jSieve, with our own commands and tests mapped in by
 * name. Thread-safe; one instance serves the whole service.
 */
public final class SieveEngine {
  private static final Pattern LEXICAL_POSITION = Pattern.compile("line (\\d+), column (\\d+)");

  private final SieveFactory factory;

  public SieveEngine() {
    var commands = new ConcurrentHashMap<String, String>();
    commands.put("if", "org.apache.jsieve.commands.If");
    commands.put("elsif", "org.apache.jsieve.commands.Elsif");
    commands.put("else", "org.apache.jsieve.commands.Else");
    commands.put("stop", "org.apache.jsieve.commands.Stop");
    commands.put("discard", "org.apache.jsieve.commands.Discard");
    commands.put("require", RequireCommand.class.getName());
    commands.put("keep", KeepCommand.class.getName());
    commands.put("fileinto", FileIntoCommand.class.getName());
    commands.put("setflag", FlagCommand.Set_.class.getName());
    commands.put("addflag", FlagCommand.Add.class.getName());
    commands.put("removeflag", FlagCommand.Remove.class.getName());

    var tests = new ConcurrentHashMap<String, String>();
    for (var name : List.of("address", "exists", "false", "header")) {
      tests.put(name, "org.apache.jsieve.tests." + capitalized(name));
    }
    tests.put("allof", "org.apache.jsieve.tests.AllOf");
    tests.put("anyof", "org.apache.jsieve.tests.AnyOf");
    tests.put("not", "org.apache.jsieve.tests.Not");
    tests.put("size", "org.apache.jsieve.tests.Size");
    tests.put("true", "org.apache.jsieve.tests.True");
    tests.put("envelope", "org.apache.jsieve.tests.optional.Envelope");
    tests.put("body", BodyTest.class.getName());
    tests.put("hasflag", HasFlagTest.class.getName());
    tests.put("mailboxexists", MailboxExistsTest.class.getName());

    var comparators =
        new ConcurrentHashMap<>(
            Map.of(
                "i;octet", "org.apache.jsieve.comparators.Octet",
                "i;ascii-casemap", "org.apache.jsieve.comparators.AsciiCasemap",
                "i;ascii-numeric", "org.apache.jsieve.comparators.AsciiNumeric"));
    factory =
        new SieveFactory(
            new OurCommands(commands), new ComparatorManagerImpl(comparators), new OurTests(tests));
  }

  private static String capitalized(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /** Parses and validates; nothing runs. */
  public CompiledScript compile(String source) throws SieveCompileException {
    try {
      var start = new SieveParser(new StringReader(source)).start();
      return new ScriptValidator().validate(start);
    } catch (ParseException e) {
      var next = e.currentToken == null ? null : e.currentToken.next;
      if (next == null) {
        throw new SieveCompileException(1, 1, "syntax error");
      }
      var found = next.kind == 0 ? "end of script" : "\"" + next.image + "\"";
      throw new SieveCompileException(
          next.beginLine, next.beginColumn, "syntax error: unexpected " + found);
    } catch (TokenMgrError e) {
      var position = LEXICAL_POSITION.matcher(String.valueOf(e.getMessage()));
      if (position.find()) {
        throw new SieveCompileException(
            Integer.parseInt(position.group(1)),
            Integer.parseInt(position.group(2)),
            "syntax error: unterminated or invalid token");
      }
      throw new SieveCompileException(1, 1, "syntax error: " + e.getMessage());
    }
  }

  /**
   * Runs a compiled script against one message and answers the actions, in order, with duplicates
   * removed (RFC 5228 2.10.3). The implicit keep is a {@link FilterAction.Keep}.
   */
  public List<FilterAction> evaluate(CompiledScript script, MessageView message)
      throws SieveRuntimeException {
    var mail = new SieveMail(message);
    try {
      factory.evaluate(mail, script.root());
    } catch (SieveException | RuntimeException e) {
      throw new SieveRuntimeException(
          "the script failed on this message: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()),
          e);
    }
    return withoutDuplicates(mail.filterActions());
  }

  private static List<FilterAction> withoutDuplicates(List<FilterAction> actions) {
    var result = new ArrayList<FilterAction>();
    FilterAction.Keep keep = null;
    for (var action : actions) {
      if (action instanceof FilterAction.Keep k) {
        // Several keeps are one keep; the last one's flags win, as the last store would.
        if (keep != null) {
          result.remove(keep);
        }
        keep = k;
        result.add(k);
      } else if (action instanceof FilterAction.FileInto f) {
        var duplicate =
            result.stream()
                .anyMatch(
                    a ->
                        a instanceof FilterAction.FileInto other
                            && other.mailbox().equals(f.mailbox()));
        if (!duplicate) {
          result.add(f);
        }
      } else if (!result.contains(action)) {
        result.add(action);
      }
    }
    return result;
  }

  /** Subclassed so jSieve loads our classes through our class loader. */
  private static final class OurCommands extends CommandManagerImpl {
    OurCommands(ConcurrentHashMap<String, String> map) {
      super(map);
    }
  }

  private static final class OurTests extends TestManagerImpl {
    OurTests(ConcurrentHashMap<String, String> map) {
      super(map);
    }
  }
}
