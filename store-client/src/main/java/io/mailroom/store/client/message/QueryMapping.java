package io.mailroom.store.client.message;

import io.mailroom.store.api.v1.SearchKey;
import io.mailroom.store.api.v1.SearchKind;

/** {@link Query} to the store's SearchKey message. */
final class QueryMapping {
  private QueryMapping() {}

  static SearchKey toProto(Query query) {
    var key = SearchKey.newBuilder();
    if (query instanceof Query.All) {
      key.setKind(SearchKind.SEARCH_KIND_ALL);
    } else if (query instanceof Query.None) {
      key.setKind(SearchKind.SEARCH_KIND_NONE);
    } else if (query instanceof Query.Flag f) {
      key.setKind(f.set() ? SearchKind.SEARCH_KIND_FLAG_SET : SearchKind.SEARCH_KIND_FLAG_UNSET)
          .setText(f.flag());
    } else if (query instanceof Query.Date d) {
      key.setKind(
              switch (d.kind()) {
                case BEFORE -> SearchKind.SEARCH_KIND_BEFORE;
                case ON -> SearchKind.SEARCH_KIND_ON;
                case SINCE -> SearchKind.SEARCH_KIND_SINCE;
                case SENT_BEFORE -> SearchKind.SEARCH_KIND_SENT_BEFORE;
                case SENT_ON -> SearchKind.SEARCH_KIND_SENT_ON;
                case SENT_SINCE -> SearchKind.SEARCH_KIND_SENT_SINCE;
              })
          .setDateEpochDay(d.epochDay());
    } else if (query instanceof Query.Size s) {
      key.setKind(s.larger() ? SearchKind.SEARCH_KIND_LARGER : SearchKind.SEARCH_KIND_SMALLER)
          .setNumber(s.octets());
    } else if (query instanceof Query.Header h) {
      key.setKind(SearchKind.SEARCH_KIND_HEADER).setHeaderName(h.name()).setText(h.text());
    } else if (query instanceof Query.Body b) {
      key.setKind(SearchKind.SEARCH_KIND_BODY).setText(b.text());
    } else if (query instanceof Query.Text t) {
      key.setKind(SearchKind.SEARCH_KIND_TEXT).setText(t.text());
    } else if (query instanceof Query.Uids u) {
      key.setKind(SearchKind.SEARCH_KIND_UID).setUids(MessageMapping.toProto(u.uids()));
    } else if (query instanceof Query.ModSeq m) {
      key.setKind(SearchKind.SEARCH_KIND_MODSEQ).setNumber(m.atLeast());
    } else if (query instanceof Query.Not n) {
      key.setKind(SearchKind.SEARCH_KIND_NOT).addChildren(toProto(n.query()));
    } else if (query instanceof Query.Or o) {
      key.setKind(SearchKind.SEARCH_KIND_OR)
          .addChildren(toProto(o.left()))
          .addChildren(toProto(o.right()));
    } else if (query instanceof Query.And a) {
      key.setKind(SearchKind.SEARCH_KIND_AND);
      a.queries().forEach(q -> key.addChildren(toProto(q)));
    }
    return key.build();
  }
}
