package io.mailroom.pop3.protocol;

import io.mailroom.pop3.fake.FakeMailData;
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
 * store is the in-memory fake behind the real gRPC adapter. Each starts from {@link Fixtures}.
 */
@QuarkusTest
class ProtocolScriptTest {
  @Inject FakeMailData data;

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
                      Fixtures.seed(data);
                      ScriptRunner.run(name);
                    }));
  }
}
