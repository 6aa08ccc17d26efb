package io.mailroom.store.grpc;

import static io.mailroom.store.grpc.FetchRequests.fetch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mailroom.store.StoreClient;
import io.mailroom.store.api.v1.AppendReply;
import io.mailroom.store.api.v1.BodySection;
import io.mailroom.store.api.v1.SectionText;
import io.mailroom.store.api.v1.SelectReply;
import io.mailroom.store.api.v1.SelectRequest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages.Fetch and Select: sections, partials, \Seen, pages of states. */
@QuarkusTest
class FetchTest {

  @Test
  void appendThenFetchGivesTheSameBytes() {
    StoreClient user = StoreClient.create("msg");
    String message = StoreClient.message("Identical", "line one\r\nline two");
    AppendReply appended = user.append("INBOX", message, "\\Flagged", "custom");
    assertThat(appended.getUid()).isEqualTo(1);
    assertThat(appended.getEmailId()).isNotEmpty();

    var got =
        new Fetched(
            user.messages()
                .fetch(
                    fetch(user, "INBOX", 1, 1)
                        .setFlags(true)
                        .setSize(true)
                        .setEmailId(true)
                        .setInternalDate(true)
                        .addSections(BodySection.newBuilder())
                        .build()));
    assertThat(got.metas).hasSize(1);
    assertThat(got.metas.get(0).getFlagsList()).containsExactly("\\Flagged", "custom");
    assertThat(got.metas.get(0).getSize()).isEqualTo(message.length());
    assertThat(got.metas.get(0).getEmailId()).isEqualTo(appended.getEmailId());
    assertThat(got.text(1, 0)).isEqualTo(message);
  }

  @Test
  void fetchCutsHeaderTextHeaderFieldsAndPartials() {
    StoreClient user = StoreClient.create("msg");
    String message = StoreClient.message("Sections", "the body");
    user.append("INBOX", message);
    int headerEnd = message.indexOf("\r\n\r\n") + 4;
    var got =
        new Fetched(
            user.messages()
                .fetch(
                    fetch(user, "INBOX", 1, 1)
                        .addSections(BodySection.newBuilder().setText(SectionText.SECTION_HEADER))
                        .addSections(BodySection.newBuilder().setText(SectionText.SECTION_TEXT))
                        .addSections(
                            BodySection.newBuilder()
                                .setText(SectionText.SECTION_HEADER_FIELDS)
                                .addHeaderFields("subject")
                                .addHeaderFields("TO"))
                        .addSections(
                            BodySection.newBuilder()
                                .setPartial(true)
                                .setPartialOffset(6)
                                .setPartialLength(5))
                        .build()));
    assertThat(got.text(1, 0)).isEqualTo(message.substring(0, headerEnd));
    assertThat(got.text(1, 1)).isEqualTo(message.substring(headerEnd));
    assertThat(got.text(1, 2)).isEqualTo("To: Bob <bob@example.org>\r\nSubject: Sections\r\n\r\n");
    assertThat(got.text(1, 3)).isEqualTo(message.substring(6, 11));
  }

  @Test
  void sectionsOfMalformedMailAgreeWithTheirStructure() {
    StoreClient user = StoreClient.create("msg");
    // The boundary never appears: BODYSTRUCTURE shows one empty part, so BODY[1] is empty.
    user.append(
        "INBOX",
        "Subject: lost\r\nContent-Type: multipart/mixed; boundary=\"zzz\"\r\n\r\n"
            + "--yyy\r\n\r\nlost part\r\n");
    // An mbox "From " line heads the header without being a field: .NOT keeps it, as HEADER does.
    user.append("INBOX", "From someone\r\nSubject: s\r\nTo: a@example.org\r\n\r\nbody\r\n");
    // No blank line and no final CRLF: HEADER.FIELDS still ends with the blank line.
    user.append("INBOX", "Subject: never ends");
    BodySection.Builder fields =
        BodySection.newBuilder().setText(SectionText.SECTION_HEADER_FIELDS);
    var got =
        new Fetched(
            user.messages()
                .fetch(
                    fetch(user, "INBOX", 1, 3)
                        .addSections(BodySection.newBuilder().setPart("1"))
                        .addSections(
                            BodySection.newBuilder()
                                .setText(SectionText.SECTION_HEADER_FIELDS_NOT)
                                .addHeaderFields("to"))
                        .addSections(fields.clone().addHeaderFields("subject"))
                        .addSections(
                            fields
                                .clone()
                                .addHeaderFields("SUBJECT")
                                .setPartial(true)
                                .setPartialOffset(9)
                                .setPartialLength(100))
                        .build()));
    assertThat(got.text(1, 0)).isEmpty();
    assertThat(got.text(2, 1)).isEqualTo("From someone\r\nSubject: s\r\n\r\n");
    assertThat(got.text(3, 2)).isEqualTo("Subject: never ends\r\n\r\n");
    assertThat(got.text(3, 3)).isEqualTo("never ends\r\n\r\n");
  }

  @Test
  void mimeOfTheMessageItselfIsABadRequest() {
    StoreClient user = StoreClient.create("msg");
    user.append("INBOX", StoreClient.message("mime", "x"));
    assertThatThrownBy(
            () ->
                new Fetched(
                    user.messages()
                        .fetch(
                            fetch(user, "INBOX", 1, 1)
                                .addSections(
                                    BodySection.newBuilder().setText(SectionText.SECTION_MIME))
                                .build())))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
  }

  @Test
  void fetchWithSetSeenMarksTheMessageSeen() {
    StoreClient user = StoreClient.create("msg");
    user.append("INBOX", StoreClient.message("seen", "x"));
    var got =
        new Fetched(
            user.messages()
                .fetch(
                    fetch(user, "INBOX", 1, 1)
                        .setFlags(true)
                        .setSetSeen(true)
                        .addSections(BodySection.newBuilder())
                        .build()));
    assertThat(got.metas.get(0).getFlagsList()).contains("\\Seen");
  }

  @Test
  void selectStreamsTheMailboxThenPagesOfStates() {
    StoreClient user = StoreClient.create("msg");
    for (int i = 0; i < 5; i++) {
      user.append("INBOX", StoreClient.message("m" + i, "x"));
    }
    var replies =
        user.messages().select(SelectRequest.newBuilder().setName("INBOX").setPageSize(2).build());
    SelectReply first = replies.next();
    assertThat(first.getMailbox().getMessages()).isEqualTo(5);
    assertThat(first.getMailbox().getUidNext()).isEqualTo(6);
    assertThat(first.getMailbox().getPermanentFlagsList()).contains("\\*");
    List<Integer> uids = new ArrayList<>();
    int pages = 0;
    while (replies.hasNext()) {
      var page = replies.next().getPage();
      pages++;
      page.getStatesList().forEach(s -> uids.add(s.getUid()));
    }
    assertThat(pages).isEqualTo(3);
    assertThat(uids).containsExactly(1, 2, 3, 4, 5);
  }
}
