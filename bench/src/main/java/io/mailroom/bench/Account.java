package io.mailroom.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One test account from the accounts file that bench.sh created on the target beforehand. */
public record Account(String username, String password) {

  /** Reads "username TAB password" lines; blank lines and lines starting with # are skipped. */
  public static List<Account> read(Path file) throws IOException, BenchOptions.BadArguments {
    if (!Files.isReadable(file)) {
      throw new BenchOptions.BadArguments("cannot read accounts file " + file);
    }
    List<Account> accounts = new ArrayList<>();
    int lineNumber = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      lineNumber++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int tab = line.indexOf('\t');
      if (tab <= 0 || tab == line.length() - 1) {
        throw new BenchOptions.BadArguments(
            file + ":" + lineNumber + ": expected username<TAB>password");
      }
      accounts.add(new Account(line.substring(0, tab), line.substring(tab + 1)));
    }
    return List.copyOf(accounts);
  }
}
