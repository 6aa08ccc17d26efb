package io.mailroom.store.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTest {

  @Test
  void placeholdersBecomeOrdinalParametersAndCastsStayCasts() {
    assertThat(
            Sql.ordinal(
                "update m set flags = $2::text[] where id = $1 and uid = any($10::bigint[])"
                    + " and x = $3::jsonb and y::text = 'a'"))
        .isEqualTo(
            "update m set flags = cast(?2 as text[]) where id = ?1 and uid = any(cast(?10 as"
                + " bigint[])) and x = cast(?3 as jsonb) and y::text = 'a'");
  }

  @Test
  void flagWordsSplitOnSpaceAndEmptyIsNoFlags() {
    assertThat(new SqlRow(new Object[] {"\\Seen $Label1"}).getWords(0))
        .containsExactly("\\Seen", "$Label1");
    assertThat(new SqlRow(new Object[] {""}).getWords(0)).isEmpty();
    assertThat(new SqlRow(new Object[] {null}).getWords(0)).isEmpty();
  }

  @Test
  void paramsGrowAndNameTheirLastPlaceholder() {
    List<Object> params = Sql.params(7L, null);
    params.add("x");
    assertThat(Sql.last(params)).isEqualTo("$3");
  }
}
