package io.mailroom.pop3.command;

import java.util.Optional;
import java.util.OptionalInt;

/** One POP3 command as the client sent it, already checked for syntax. */
public sealed interface Command {
  /** The command's name as counted in metrics. */
  String name();

  record User(String username) implements Command {
    public String name() {
      return "USER";
    }
  }

  record Pass(String password) implements Command {
    public String name() {
      return "PASS";
    }

    @Override
    public String toString() {
      return "Pass[***]"; // passwords are never logged
    }
  }

  /** RFC 5034. An empty mechanism asks for the list of mechanisms (Dovecot's extension). */
  record Auth(Optional<String> mechanism, Optional<String> initialResponse) implements Command {
    public String name() {
      return "AUTH";
    }

    @Override
    public String toString() {
      return "Auth[" + mechanism.orElse("") + "]";
    }
  }

  /** The client's answer to a "+ " continuation during AUTH; never parsed from a command line. */
  record SaslResponse(String line) implements Command {
    public String name() {
      return "AUTH";
    }

    @Override
    public String toString() {
      return "SaslResponse[***]";
    }
  }

  record Stat() implements Command {
    public String name() {
      return "STAT";
    }
  }

  record List(OptionalInt message) implements Command {
    public String name() {
      return "LIST";
    }
  }

  record Retr(int message) implements Command {
    public String name() {
      return "RETR";
    }
  }

  record Dele(int message) implements Command {
    public String name() {
      return "DELE";
    }
  }

  record Noop() implements Command {
    public String name() {
      return "NOOP";
    }
  }

  record Rset() implements Command {
    public String name() {
      return "RSET";
    }
  }

  record Quit() implements Command {
    public String name() {
      return "QUIT";
    }
  }

  record Top(int message, int lines) implements Command {
    public String name() {
      return "TOP";
    }
  }

  record Uidl(OptionalInt message) implements Command {
    public String name() {
      return "UIDL";
    }
  }

  record Capa() implements Command {
    public String name() {
      return "CAPA";
    }
  }

  record Stls() implements Command {
    public String name() {
      return "STLS";
    }
  }
}
