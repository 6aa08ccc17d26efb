package io.mailroom.pop3.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineTest {
  @Test
  void processesOneFrameAtATimeInOrder() {
    var seen = new ArrayList<String>();
    var pipeline = new Pipeline[1];
    pipeline[0] = new Pipeline(frame -> seen.add(((Frame.Line) frame).text()), 10);
    pipeline[0].offer(List.of(new Frame.Line("A"), new Frame.Line("B"), new Frame.Line("C")));
    assertThat(seen).containsExactly("A");
    pipeline[0].next();
    assertThat(seen).containsExactly("A", "B");
    pipeline[0].next();
    pipeline[0].next();
    assertThat(seen).containsExactly("A", "B", "C");
  }

  @Test
  void synchronousCompletionDoesNotRecurse() {
    var count = new int[1];
    var pipeline = new Pipeline[1];
    pipeline[0] =
        new Pipeline(
            frame -> {
              count[0]++;
              pipeline[0].next();
            },
            1_000_000);
    var frames = new ArrayList<Frame>();
    for (int i = 0; i < 200_000; i++) {
      frames.add(new Frame.Line("NOOP"));
    }
    pipeline[0].offer(frames);
    assertThat(count[0]).isEqualTo(200_000);
  }

  @Test
  void reportsOverloadAboveTheHighWaterMark() {
    var pipeline = new Pipeline(frame -> {}, 2);
    pipeline.offer(List.of(new Frame.Line("1"), new Frame.Line("2"), new Frame.Line("3")));
    assertThat(pipeline.overloaded()).isFalse(); // one in flight, two waiting
    pipeline.offer(List.of(new Frame.Line("4")));
    assertThat(pipeline.overloaded()).isTrue();
  }

  @Test
  void stopDropsWaitingFrames() {
    var seen = new ArrayList<Frame>();
    var pipeline = new Pipeline(seen::add, 10);
    pipeline.offer(List.of(new Frame.Line("QUIT"), new Frame.Line("DELE 1")));
    pipeline.stop();
    pipeline.next();
    assertThat(seen).hasSize(1);
  }
}
