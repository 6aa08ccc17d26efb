package io.mailroom.filter.sieve.ext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jsieve.Argument;
import org.apache.jsieve.Arguments;
import org.apache.jsieve.StringListArgument;
import org.apache.jsieve.TagArgument;

/**
 * The arguments of one command or test, split into tags, tag values and positional string lists.
 * The compiler has already checked their shape, so this only sorts them.
 */
record TaggedArguments(
    Set<String> tags, Map<String, List<String>> values, List<List<String>> lists) {

  static TaggedArguments of(Arguments arguments, Set<String> tagsWithValue) {
    var tags = new HashSet<String>();
    var values = new HashMap<String, List<String>>();
    var lists = new ArrayList<List<String>>();
    String pendingTag = null;
    for (Argument argument : arguments.getArgumentList()) {
      if (argument instanceof TagArgument tag) {
        var name = tag.getTag().toLowerCase(java.util.Locale.ROOT);
        tags.add(name);
        pendingTag = tagsWithValue.contains(name) ? name : null;
      } else if (argument instanceof StringListArgument list) {
        if (pendingTag != null) {
          values.put(pendingTag, list.getList());
          pendingTag = null;
        } else {
          lists.add(list.getList());
        }
      }
    }
    return new TaggedArguments(tags, values, lists);
  }

  String comparator() {
    var value = values.get(":comparator");
    return value == null ? "i;ascii-casemap" : value.get(0);
  }

  String matchType() {
    for (var type : List.of(":is", ":contains", ":matches")) {
      if (tags.contains(type)) {
        return type;
      }
    }
    return ":is";
  }
}
