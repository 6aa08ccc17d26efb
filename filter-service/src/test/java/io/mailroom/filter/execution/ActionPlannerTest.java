package io.mailroom.filter.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.filter.execution.StoreStep.Kind;
import io.mailroom.filter.sieve.FilterAction.Discard;
import io.mailroom.filter.sieve.FilterAction.FileInto;
import io.mailroom.filter.sieve.FilterAction.Keep;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActionPlannerTest {
  @Test
  void keepAloneDoesNothing() {
    var plan = ActionPlanner.plan(1, List.of(new Keep(List.of())));
    assertThat(plan.steps()).isEmpty();
    assertThat(plan.kept()).isTrue();
  }

  @Test
  void keepWithFlagsAddsThem() {
    var plan = ActionPlanner.plan(1, List.of(new Keep(List.of("\\Flagged"))));
    assertThat(plan.steps()).extracting(StoreStep::kind).containsExactly(Kind.FLAGS);
    assertThat(plan.steps().get(0).flags()).containsExactly("\\Flagged");
  }

  @Test
  void aSingleFileintoMoves() {
    var plan = ActionPlanner.plan(1, List.of(new FileInto("A", false, true, List.of("$x"))));
    assertThat(plan.steps()).hasSize(1);
    var step = plan.steps().get(0);
    assertThat(step.kind()).isEqualTo(Kind.COPY);
    assertThat(step.move()).isTrue();
    assertThat(step.create()).isTrue();
    assertThat(step.flags()).containsExactly("$x");
    assertThat(plan.kept()).isFalse();
  }

  @Test
  void severalFileintosCopyThenTheLastMoves() {
    var plan =
        ActionPlanner.plan(
            1,
            List.of(
                new FileInto("A", false, false, List.of()),
                new FileInto("B", false, false, List.of())));
    assertThat(plan.steps()).extracting(StoreStep::move).containsExactly(false, true);
  }

  @Test
  void fileintoCopyWithKeepOnlyCopies() {
    var plan =
        ActionPlanner.plan(
            1, List.of(new FileInto("A", true, false, List.of()), new Keep(List.of())));
    assertThat(plan.steps()).extracting(StoreStep::move).containsExactly(false);
    assertThat(plan.kept()).isTrue();
  }

  @Test
  void discardExpunges() {
    var plan = ActionPlanner.plan(1, List.of(new Discard()));
    assertThat(plan.steps()).extracting(StoreStep::kind).containsExactly(Kind.EXPUNGE);
    assertThat(plan.kept()).isFalse();
  }

  @Test
  void aFailedScriptKeepsWithItsReason() {
    var plan = ActionPlanner.failed(3, "boom");
    assertThat(plan.steps()).isEmpty();
    assertThat(plan.kept()).isTrue();
    assertThat(plan.error()).isEqualTo("boom");
  }
}
