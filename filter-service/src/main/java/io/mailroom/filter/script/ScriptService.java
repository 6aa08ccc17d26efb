package io.mailroom.filter.script;

import io.mailroom.filter.config.FilterConfig;
import io.mailroom.filter.sieve.CompiledScript;
import io.mailroom.filter.sieve.SieveCompileException;
import io.mailroom.filter.sieve.SieveEngine;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Script management shared by REST and ManageSieve: every check (name, size, compile) happens
 * before anything is stored, so a refused script leaves no trace.
 */
@ApplicationScoped
public class ScriptService {
  private final ScriptRepository repository;
  private final SieveEngine engine;
  private final FilterConfig config;
  // Keyed by content: a script deleted and created again restarts at version 1.
  private final Map<String, CompiledScript> compiled = new ConcurrentHashMap<>();
  private static final int CACHE_LIMIT = 10_000;

  /** The active script of one direction, compiled. */
  public record ActiveScript(Script script, CompiledScript compiled) {}

  ScriptService(ScriptRepository repository, SieveEngine engine, FilterConfig config) {
    this.repository = repository;
    this.engine = engine;
    this.config = config;
  }

  public int maxSize() {
    return config.scripts().maxSize();
  }

  public Uni<List<Script>> list(String account) {
    return repository.list(account);
  }

  public Uni<Optional<Script>> get(String account, String name) {
    return repository.find(account, name);
  }

  /** Checks name, size and syntax; throws {@link ScriptRejected} on the first problem. */
  public CompiledScript check(String name, String content) {
    if (name != null) {
      name(name);
    }
    if (content.getBytes(StandardCharsets.UTF_8).length > config.scripts().maxSize()) {
      throw new ScriptRejected(
          ScriptRejected.Kind.TOO_LARGE,
          "the script is larger than the limit of " + config.scripts().maxSize() + " octets");
    }
    try {
      return engine.compile(content);
    } catch (SieveCompileException e) {
      throw new ScriptRejected(
          ScriptRejected.Kind.INVALID_SCRIPT, e.describe(), e.line(), e.column());
    }
  }

  public Uni<Script> put(String account, String name, String content) {
    try {
      check(name, content);
    } catch (ScriptRejected e) {
      return Uni.createFrom().failure(e);
    }
    return repository.save(account, name, content, config.scripts().maxPerAccount());
  }

  public Uni<Void> delete(String account, String name) {
    return repository
        .find(account, name)
        .flatMap(
            found -> {
              if (found.isEmpty()) {
                return Uni.createFrom().failure(notFound(name));
              }
              if (found.get().activeIncoming() || found.get().activeOutgoing()) {
                // RFC 5804 2.10: the active script cannot be deleted; deactivate it first.
                return Uni.createFrom()
                    .failure(
                        new ScriptRejected(
                            ScriptRejected.Kind.ACTIVE,
                            "the script \"" + name + "\" is active; deactivate it first"));
              }
              return repository.delete(account, name).replaceWithVoid();
            });
  }

  /** Activates {@code name} for the direction; a null name deactivates that direction. */
  public Uni<Void> activate(String account, String name, Direction direction) {
    return repository.activate(account, name, direction).replaceWithVoid();
  }

  public Uni<Void> rename(String account, String from, String to) {
    try {
      name(to);
    } catch (ScriptRejected e) {
      return Uni.createFrom().failure(e);
    }
    return repository.rename(account, from, to);
  }

  /** Whether a script of {@code size} octets could be stored (ManageSieve HAVESPACE). */
  public Uni<Boolean> haveSpace(String account, String name, long size) {
    if (size > config.scripts().maxSize()) {
      return Uni.createFrom().item(false);
    }
    return repository
        .list(account)
        .map(
            scripts ->
                scripts.size() < config.scripts().maxPerAccount()
                    || scripts.stream().anyMatch(s -> s.name().equals(name)));
  }

  public Uni<Optional<ActiveScript>> active(String account, Direction direction) {
    return repository.active(account, direction).map(found -> found.map(this::compiled));
  }

  /** Compiles a stored script once per distinct content. */
  public ActiveScript compiled(Script script) {
    if (compiled.size() > CACHE_LIMIT) {
      compiled.clear();
    }
    var result =
        compiled.computeIfAbsent(
            script.content(),
            k -> {
              try {
                return engine.compile(script.content());
              } catch (SieveCompileException e) {
                // Stored scripts were compiled on the way in; this means the engine changed.
                throw new ScriptRejected(ScriptRejected.Kind.INVALID_SCRIPT, e.describe());
              }
            });
    return new ActiveScript(script, result);
  }

  private static void name(String name) {
    var problem = ScriptName.problem(name);
    if (problem != null) {
      throw new ScriptRejected(ScriptRejected.Kind.BAD_NAME, problem);
    }
  }

  private static ScriptRejected notFound(String name) {
    return new ScriptRejected(ScriptRejected.Kind.NOT_FOUND, "no script named \"" + name + "\"");
  }
}
