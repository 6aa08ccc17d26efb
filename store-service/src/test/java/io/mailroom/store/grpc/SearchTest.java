package io.mailroom.store.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.StoreClient;
import io.mailroom.store.api.v1.SearchKey;
import io.mailroom.store.api.v1.SearchKind;
import io.mailroom.store.api.v1.SearchRequest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages.Search over the key tree. */
@QuarkusTest
class SearchTest {

  @Test
  void searchRunsTheKeyTree() {
    StoreClient user = StoreClient.create("msg");
    user.append("INBOX", StoreClient.message("Quarterly report", "numbers and figures"), "\\Seen");
    user.append("INBOX", StoreClient.message("Lunch", "pizza tomorrow"));
    user.append("INBOX", StoreClient.message("Report draft", "see attached"));
    var ref = user.ref("INBOX");
    assertThat(search(user, ref, key(SearchKind.SEARCH_KIND_HEADER, "subject", "report")))
        .containsExactly(1, 3);
    assertThat(search(user, ref, key(SearchKind.SEARCH_KIND_FLAG_UNSET, "", "\\Seen")))
        .containsExactly(2, 3);
    assertThat(search(user, ref, key(SearchKind.SEARCH_KIND_TEXT, "", "Lunch"))).containsExactly(2);
    assertThat(search(user, ref, key(SearchKind.SEARCH_KIND_HEADER, "x-missing", ""))).isEmpty();
    assertThat(search(user, ref, key(SearchKind.SEARCH_KIND_HEADER, "message-id", "")))
        .containsExactly(1, 2, 3);
    var notSeenAndReport =
        SearchKey.newBuilder()
            .setKind(SearchKind.SEARCH_KIND_AND)
            .addChildren(
                SearchKey.newBuilder()
                    .setKind(SearchKind.SEARCH_KIND_NOT)
                    .addChildren(key(SearchKind.SEARCH_KIND_FLAG_SET, "", "\\Seen")))
            .addChildren(key(SearchKind.SEARCH_KIND_HEADER, "subject", "REPORT"))
            .build();
    assertThat(search(user, ref, notSeenAndReport)).containsExactly(3);
    var larger = SearchKey.newBuilder().setKind(SearchKind.SEARCH_KIND_LARGER).setNumber(1).build();
    assertThat(search(user, ref, larger)).containsExactly(1, 2, 3);
    var uid =
        SearchKey.newBuilder()
            .setKind(SearchKind.SEARCH_KIND_UID)
            .setUids(StoreClient.uids(2, 4294967295L))
            .build();
    assertThat(search(user, ref, uid)).containsExactly(2, 3);
  }

  @Test
  void sentDateKeysUseTheDateHeadersOwnDay() {
    // StoreClient.message is dated Mon, 7 Feb 1994 21:52:25 -0800: already the 8th in UTC.
    StoreClient user = StoreClient.create("msg");
    user.append("INBOX", StoreClient.message("late in the evening", "x"));
    var ref = user.ref("INBOX");
    long seventh = java.time.LocalDate.of(1994, 2, 7).toEpochDay();
    assertThat(search(user, ref, sent(SearchKind.SEARCH_KIND_SENT_ON, seventh))).containsExactly(1);
    assertThat(search(user, ref, sent(SearchKind.SEARCH_KIND_SENT_ON, seventh + 1))).isEmpty();
    assertThat(search(user, ref, sent(SearchKind.SEARCH_KIND_SENT_BEFORE, seventh + 1)))
        .containsExactly(1);
    assertThat(search(user, ref, sent(SearchKind.SEARCH_KIND_SENT_SINCE, seventh + 1))).isEmpty();
  }

  private static SearchKey sent(SearchKind kind, long epochDay) {
    return SearchKey.newBuilder().setKind(kind).setDateEpochDay(epochDay).build();
  }

  private static SearchKey key(SearchKind kind, String header, String text) {
    return SearchKey.newBuilder().setKind(kind).setHeaderName(header).setText(text).build();
  }

  private static List<Integer> search(
      StoreClient user, io.mailroom.store.api.v1.MailboxRef ref, SearchKey key) {
    return user.messages()
        .search(SearchRequest.newBuilder().setMailbox(ref).setKey(key).build())
        .getUidsList();
  }
}
