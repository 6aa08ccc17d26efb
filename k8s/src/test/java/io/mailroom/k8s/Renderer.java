package io.mailroom.k8s;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** How a kustomization directory becomes the list of objects a cluster would receive. */
enum Renderer {
  /** {@code kubectl kustomize DIR}, the real thing, when kubectl is on the PATH. */
  KUBECTL {
    @Override
    List<ObjectNode> render(Path dir) {
      try {
        Path out = Files.createTempFile("kustomize", ".yaml");
        Path err = Files.createTempFile("kustomize", ".err");
        try {
          Process p =
              new ProcessBuilder("kubectl", "kustomize", dir.toString())
                  .redirectOutput(out.toFile())
                  .redirectError(err.toFile())
                  .start();
          if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("kubectl kustomize " + dir + " took over 60 s");
          }
          if (p.exitValue() != 0) {
            throw new IllegalStateException(
                "kubectl kustomize "
                    + dir
                    + " failed: "
                    + Files.readString(err, StandardCharsets.UTF_8));
          }
          return Yaml.readAll(out);
        } finally {
          Files.deleteIfExists(out);
          Files.deleteIfExists(err);
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot run kubectl", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  },
  /** {@link Kustomize}, this module's own renderer, for machines without kubectl. */
  BUILTIN {
    @Override
    List<ObjectNode> render(Path dir) {
      return Kustomize.build(dir);
    }
  };

  abstract List<ObjectNode> render(Path dir);

  /**
   * The renderers to validate with: both when kubectl is on the PATH, else the builtin one. {@code
   * -Dmailroom.k8s.renderer=builtin} forces the builtin one alone.
   */
  static List<Renderer> available() {
    if ("builtin".equals(System.getProperty("mailroom.k8s.renderer"))) {
      return List.of(BUILTIN);
    }
    return kubectlOnPath() ? List.of(KUBECTL, BUILTIN) : List.of(BUILTIN);
  }

  static boolean kubectlOnPath() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String d : path.split(java.io.File.pathSeparator)) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, "kubectl"))) {
        return true;
      }
    }
    return false;
  }
}
