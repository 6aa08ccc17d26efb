package io.mailroom.filter.sieve;

import io.mailroom.filter.sieve.Signature.Kind;
import io.mailroom.filter.sieve.Signature.Tests;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.jsieve.NumberArgument;
import org.apache.jsieve.TagArgument;
import org.apache.jsieve.parser.generated.ASTargument;
import org.apache.jsieve.parser.generated.ASTarguments;
import org.apache.jsieve.parser.generated.ASTblock;
import org.apache.jsieve.parser.generated.ASTcommand;
import org.apache.jsieve.parser.generated.ASTcommands;
import org.apache.jsieve.parser.generated.ASTstring;
import org.apache.jsieve.parser.generated.ASTstring_list;
import org.apache.jsieve.parser.generated.ASTtest;
import org.apache.jsieve.parser.generated.ASTtest_list;
import org.apache.jsieve.parser.generated.Node;
import org.apache.jsieve.parser.generated.SimpleNode;

/**
 * Checks a parsed script without running it: known commands and tests, their arguments, the
 * extensions they need being required, require only at the start, elsif/else only after if. jSieve
 * itself would find most of these only when the offending line runs.
 */
final class ScriptValidator {
  private static final Set<String> IMPLICIT_COMPARATORS = Set.of("i;octet", "i;ascii-casemap");

  private final Set<String> required = new HashSet<>();
  private boolean usesBody;
  private boolean usesMailboxExists;

  CompiledScript validate(SimpleNode start) throws SieveCompileException {
    var commands = start.jjtGetNumChildren() == 0 ? null : (ASTcommands) start.jjtGetChild(0);
    if (commands != null) {
      commands(commands, true);
    }
    return new CompiledScript(start, required, usesBody, usesMailboxExists);
  }

  private void commands(ASTcommands node, boolean topLevel) throws SieveCompileException {
    var requireAllowed = topLevel;
    String previous = null;
    for (int i = 0; i < node.jjtGetNumChildren(); i++) {
      var command = (ASTcommand) node.jjtGetChild(i);
      var name = command.getName().toLowerCase(Locale.ROOT);
      if (name.equals("require")) {
        if (!requireAllowed) {
          throw error(command, "require is only allowed at the start of the script");
        }
      } else {
        requireAllowed = false;
      }
      if ((name.equals("elsif") || name.equals("else"))
          && !("if".equals(previous) || "elsif".equals(previous))) {
        throw error(command, name + " without a preceding if");
      }
      command(command, name);
      previous = name;
    }
  }

  private void command(ASTcommand node, String name) throws SieveCompileException {
    var signature = Signatures.COMMANDS.get(name);
    if (signature == null) {
      throw error(node, "unknown command \"" + node.getName() + "\"");
    }
    needs(node, signature.capability(), "command \"" + name + "\"");
    var arguments = (ASTarguments) node.jjtGetChild(0);
    if (name.equals("require")) {
      require(arguments);
      return;
    }
    arguments(node, name, signature, arguments);
    var hasBlock = node.jjtGetNumChildren() > 1;
    if (signature.block() && !hasBlock) {
      throw error(node, name + " needs a block { ... }");
    }
    if (!signature.block() && hasBlock) {
      throw error(node, name + " takes no block; end it with \";\"");
    }
    if (hasBlock) {
      var block = (ASTblock) node.jjtGetChild(1);
      if (block.jjtGetNumChildren() > 0) {
        commands((ASTcommands) block.jjtGetChild(0), false);
      }
    }
  }

  private void require(ASTarguments arguments) throws SieveCompileException {
    var strings = new ArrayList<ASTstring>();
    if (arguments.jjtGetNumChildren() == 1
        && arguments.jjtGetChild(0) instanceof ASTargument argument
        && argument.getValue() == null) {
      collectStrings(argument, strings);
    } else {
      throw error(arguments, "require takes one string list of extension names");
    }
    for (var string : strings) {
      var capability = (String) string.getValue();
      if (!Capabilities.SUPPORTED.contains(capability)) {
        throw error(string, "unsupported extension \"" + capability + "\"");
      }
      required.add(capability);
    }
  }

  private void test(ASTtest node) throws SieveCompileException {
    var name = node.getName().toLowerCase(Locale.ROOT);
    var signature = Signatures.TESTS.get(name);
    if (signature == null) {
      throw error(node, "unknown test \"" + node.getName() + "\"");
    }
    needs(node, signature.capability(), "test \"" + name + "\"");
    if (name.equals("body")) {
      usesBody = true;
    }
    if (name.equals("mailboxexists")) {
      usesMailboxExists = true;
    }
    arguments(node, name, signature, (ASTarguments) node.jjtGetChild(0));
  }

  private void arguments(SimpleNode owner, String name, Signature signature, ASTarguments arguments)
      throws SieveCompileException {
    var seenTags = new HashSet<String>();
    var seenGroups = new HashSet<String>();
    var positionals = new ArrayList<ASTargument>();
    String comparatorName = null;
    Node testNode = null;
    var children = arguments.jjtGetNumChildren();
    for (int i = 0; i < children; i++) {
      var child = arguments.jjtGetChild(i);
      if (child instanceof ASTtest || child instanceof ASTtest_list) {
        testNode = child;
        continue;
      }
      var argument = (ASTargument) child;
      if (argument.getValue() instanceof TagArgument tagArgument) {
        var tag = tagArgument.getTag().toLowerCase(Locale.ROOT);
        if (!positionals.isEmpty()) {
          throw error(argument, "tag " + tag + " must come before the other arguments of " + name);
        }
        var spec = signature.tags().get(tag);
        if (spec == null) {
          throw error(argument, "unknown tag " + tag + " for " + name);
        }
        if (!seenTags.add(tag)) {
          throw error(argument, "tag " + tag + " given twice");
        }
        if (spec.group() != null && !seenGroups.add(spec.group())) {
          throw error(argument, "only one " + spec.group() + " allowed for " + name);
        }
        needs(argument, spec.capability(), "tag " + tag);
        if (spec.value() != null) {
          if (i + 1 >= children || !(arguments.jjtGetChild(i + 1) instanceof ASTargument value)) {
            throw error(argument, "tag " + tag + " needs a value");
          }
          expect(value, spec.value(), "the value of " + tag);
          if (tag.equals(":comparator")) {
            comparatorName = comparator(value);
          }
          i++;
        }
      } else {
        positionals.add(argument);
      }
    }
    if ("i;ascii-numeric".equals(comparatorName)
        && (seenTags.contains(":contains") || seenTags.contains(":matches"))) {
      // RFC 4790 9.1: i;ascii-numeric has no substring match.
      throw error(owner, "comparator \"i;ascii-numeric\" supports only :is");
    }
    for (var group : signature.requiredGroups()) {
      if (!seenGroups.contains(group)) {
        throw error(owner, name + " needs a " + group + " tag");
      }
    }
    if (positionals.size() != signature.positionals().size()) {
      throw error(
          owner,
          name
              + " takes "
              + signature.positionals().size()
              + " argument(s) besides tags, found "
              + positionals.size());
    }
    for (int i = 0; i < positionals.size(); i++) {
      expect(
          positionals.get(i),
          signature.positionals().get(i),
          "argument " + (i + 1) + " of " + name);
    }
    tests(owner, name, signature.tests(), testNode);
  }

  private void tests(SimpleNode owner, String name, Tests expected, Node testNode)
      throws SieveCompileException {
    switch (expected) {
      case NONE -> {
        if (testNode != null) {
          throw error(owner, name + " takes no test");
        }
      }
      case ONE -> {
        if (!(testNode instanceof ASTtest single)) {
          throw error(owner, name + " needs exactly one test");
        }
        test(single);
      }
      case LIST -> {
        if (!(testNode instanceof ASTtest_list list)) {
          throw error(owner, name + " needs a test list ( ... )");
        }
        for (int i = 0; i < list.jjtGetNumChildren(); i++) {
          test((ASTtest) list.jjtGetChild(i));
        }
      }
    }
  }

  private void expect(ASTargument argument, Kind kind, String what) throws SieveCompileException {
    var value = argument.getValue();
    switch (kind) {
      case NUMBER -> {
        if (!(value instanceof NumberArgument)) {
          throw error(argument, what + " must be a number");
        }
      }
      case STRING_LIST -> {
        if (value != null) {
          throw error(argument, what + " must be a string list");
        }
      }
      case STRING -> {
        if (value != null || argument.jjtGetNumChildren() != 1 || stringCount(argument) != 1) {
          throw error(argument, what + " must be a single string");
        }
      }
    }
  }

  private String comparator(ASTargument value) throws SieveCompileException {
    var strings = new ArrayList<ASTstring>();
    collectStrings(value, strings);
    var name = (String) strings.get(0).getValue();
    if (!Capabilities.SUPPORTED.contains("comparator-" + name)) {
      throw error(value, "unsupported comparator \"" + name + "\"");
    }
    if (!IMPLICIT_COMPARATORS.contains(name) && !required.contains("comparator-" + name)) {
      throw error(value, "comparator \"" + name + "\" needs require \"comparator-" + name + "\"");
    }
    return name;
  }

  private void needs(SimpleNode node, String capability, String what) throws SieveCompileException {
    if (capability != null && !required.contains(capability)) {
      throw error(node, what + " needs require \"" + capability + "\"");
    }
  }

  private static int stringCount(ASTargument argument) {
    var list = (ASTstring_list) argument.jjtGetChild(0);
    return list.jjtGetNumChildren();
  }

  private static void collectStrings(ASTargument argument, List<ASTstring> into) {
    if (argument.jjtGetNumChildren() == 0) {
      return;
    }
    var list = (ASTstring_list) argument.jjtGetChild(0);
    for (int i = 0; i < list.jjtGetNumChildren(); i++) {
      into.add((ASTstring) list.jjtGetChild(i));
    }
  }

  private static SieveCompileException error(SimpleNode node, String reason) {
    var token = node.getFirstToken();
    return token == null
        ? new SieveCompileException(1, 1, reason)
        : new SieveCompileException(token.beginLine, token.beginColumn, reason);
  }
}
