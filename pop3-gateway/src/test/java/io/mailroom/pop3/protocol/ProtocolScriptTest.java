package io.mailroom.pop3.protocol;

import io.mailroom.store.testkit.InMemoryStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every script in src/test/resources/scripts, played over a real socket against the gateway, whose
 * store is store-testkit's in-memory store behind the real gRPC adapter. Each starts from {@link
 * Fixtures}.
 */
@QuarkusTest
class ProtocolScriptTest {
  @Inject InMemoryStore store;

  @TestFactory
  Stream<DynamicTest> scripts() throws IOException {
    return Files.list(Path.of("src/test/resources/scripts"))
        .map(path -> path.getFileName().toString())
        .filter(name -> name.endsWith(".script"))
        .sorted()
        .map(
            name ->
                DynamicTest.dynamicTest(
                    name,
                    () -> {
                      Fixtures.seed(store);
                      ScriptRunner.run(name);
                    }));
  }
}
