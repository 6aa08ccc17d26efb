package io.mailroom.bench.lmtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.bench.Account;
import org.junit.jupiter.api.Test;

class InboxWatchTest {

  private final InboxWatch watch = new InboxWatch(new Account("u", "p"), null, 5);

  @Test
  void theKthDeliveryIsPairedWithTheKthNewMessage() {
    watch.delivered(1_000);
    watch.delivered(2_000);
    watch.sawExists(6, 1_500);
    assertThat(watch.allSeen()).isFalse();
    watch.sawExists(7, 2_700);

    assertThat(watch.allSeen()).isTrue();
    assertThat(watch.latencies()).containsExactly(500L, 700L);
  }

  @Test
  void anExistsThatJumpsMarksEveryMessageItCovers() {
    watch.delivered(1_000);
    watch.delivered(1_100);
    watch.delivered(1_200);
    watch.sawExists(8, 3_000);

    assertThat(watch.seenCount()).isEqualTo(3);
    assertThat(watch.latencies()).containsExactly(2_000L, 1_900L, 1_800L);
  }

  @Test
  void anAnnouncementBeforeThe250CountsAsZeroAndRepeatsChangeNothing() {
    watch.sawExists(6, 900);
    watch.sawExists(6, 950);
    watch.sawExists(5, 990);
    watch.delivered(1_000);

    assertThat(watch.latencies()).containsExactly(0L);
    assertThat(watch.seenCount()).isEqualTo(1);
  }
}
