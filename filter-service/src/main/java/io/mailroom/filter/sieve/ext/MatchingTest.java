package io.mailroom.filter.sieve.ext;

import java.util.List;
import org.apache.jsieve.SieveContext;
import org.apache.jsieve.comparators.ComparatorUtils;
import org.apache.jsieve.exception.SieveException;
import org.apache.jsieve.tests.AbstractTest;

/** A test that compares values against keys with a comparator and a match type. */
abstract class MatchingTest extends AbstractTest {

  static boolean anyMatches(
      TaggedArguments args, List<String> values, List<String> keys, SieveContext context)
      throws SieveException {
    for (var value : values) {
      for (var key : keys) {
        if (ComparatorUtils.match(args.comparator(), args.matchType(), value, key, context)) {
          return true;
        }
      }
    }
    return false;
  }
}
