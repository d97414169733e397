package dev.baton.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.InvalidPayloadException;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Payloads given as JSON text bind only to Java types of their own kind; stored data still reads.
 */
class JsonStrictBindingTest {
  enum Colour {
    RED,
    GREEN
  }

  record Fields(
      Integer count,
      Long big,
      Short small,
      String name,
      Boolean flag,
      Double ratio,
      Float fraction,
      BigDecimal money,
      Colour colour,
      List<Integer> numbers) {}

  record Primitives(int count, boolean flag, double ratio, float fraction) {}

  private final Json json = new Json(Json.defaultMapper());

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("{\"count\":1.7}", "payload.count"),
        Arguments.of("{\"count\":1.0}", "payload.count"),
        Arguments.of("{\"count\":\"3\"}", "payload.count"),
        Arguments.of("{\"count\":true}", "payload.count"),
        Arguments.of("{\"count\":\"\"}", "payload.count"),
        Arguments.of("{\"count\":\" \"}", "payload.count"),
        Arguments.of("{\"big\":\"9\"}", "payload.big"),
        Arguments.of("{\"big\":2.5}", "payload.big"),
        Arguments.of("{\"small\":\"1\"}", "payload.small"),
        Arguments.of("{\"name\":5}", "payload.name"),
        Arguments.of("{\"name\":1.5}", "payload.name"),
        Arguments.of("{\"name\":true}", "payload.name"),
        Arguments.of("{\"flag\":1}", "payload.flag"),
        Arguments.of("{\"flag\":0}", "payload.flag"),
        Arguments.of("{\"flag\":\"true\"}", "payload.flag"),
        Arguments.of("{\"ratio\":\"1.5\"}", "payload.ratio"),
        Arguments.of("{\"ratio\":\"NaN\"}", "payload.ratio"),
        Arguments.of("{\"ratio\":\"Infinity\"}", "payload.ratio"),
        Arguments.of("{\"ratio\":1e999}", "payload.ratio"),
        Arguments.of("{\"ratio\":true}", "payload.ratio"),
        Arguments.of("{\"ratio\":\"\"}", "payload.ratio"),
        Arguments.of("{\"flag\":\"\"}", "payload.flag"),
        Arguments.of("{\"colour\":\"\"}", "payload.colour"),
        Arguments.of("{\"fraction\":1e39}", "payload.fraction"),
        Arguments.of("{\"fraction\":\"-Infinity\"}", "payload.fraction"),
        Arguments.of("{\"money\":\"10.5\"}", "payload.money"),
        Arguments.of("{\"colour\":0}", "payload.colour"),
        Arguments.of("{\"colour\":\"BLUE\"}", "payload.colour"),
        Arguments.of("{\"numbers\":[1,\"2\"]}", "payload.numbers[1]"),
        Arguments.of("{\"numbers\":[1,2.5]}", "payload.numbers[1]"),
        Arguments.of("{\"unknown\":1}", "payload.unknown"),
        Arguments.of("{\"count\":1} {\"count\":2}", "payload"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("refused")
  void a_value_of_another_kind_is_refused_naming_the_field(String text, String field) {
    InvalidPayloadException refused =
        catchThrowableOfType(
            InvalidPayloadException.class, () -> json.canonical(text, Fields.class, "payload"));

    assertThat(refused).as("refused: %s", text).isNotNull();
    assertThat(refused.field()).isEqualTo(field);
    assertThat(refused).hasMessageContaining("does not fit Fields");
  }

  static Stream<Arguments> refusedPrimitives() {
    return Stream.of(
        Arguments.of("{\"count\":null,\"flag\":true,\"ratio\":1,\"fraction\":1}", "payload.count"),
        Arguments.of("{\"count\":1,\"flag\":1,\"ratio\":1,\"fraction\":1}", "payload.flag"),
        Arguments.of(
            "{\"count\":1,\"flag\":true,\"ratio\":\"NaN\",\"fraction\":1}", "payload.ratio"),
        Arguments.of(
            "{\"count\":1,\"flag\":true,\"ratio\":1,\"fraction\":-1e39}", "payload.fraction"),
        Arguments.of("{\"count\":1.5,\"flag\":true,\"ratio\":1,\"fraction\":1}", "payload.count"),
        Arguments.of(
            "{\"count\":\"1\",\"flag\":true,\"ratio\":1,\"fraction\":1}", "payload.count"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("refusedPrimitives")
  void primitives_are_as_strict_as_their_boxes(String text, String field) {
    InvalidPayloadException refused =
        catchThrowableOfType(
            InvalidPayloadException.class, () -> json.canonical(text, Primitives.class, "payload"));

    assertThat(refused).as("refused: %s", text).isNotNull();
    assertThat(refused.field()).isEqualTo(field);
  }

  @Test
  void values_of_their_own_kind_bind_and_an_integer_binds_to_a_fraction() {
    String text =
        "{\"count\":3,\"big\":9007199254740993,\"small\":-2,\"name\":\"n\",\"flag\":false,\"ratio\":5,"
            + "\"fraction\":0.5,\"money\":10.25,\"colour\":\"GREEN\",\"numbers\":[1,2]}";

    assertThat(json.read(json.canonical(text, Fields.class, "payload"), Fields.class, "payload"))
        .isEqualTo(
            new Fields(
                3,
                9007199254740993L,
                (short) -2,
                "n",
                false,
                5.0,
                0.5f,
                new BigDecimal("10.25"),
                Colour.GREEN,
                List.of(1, 2)));
    assertThat(
            json.canonical(
                "{\"count\":1,\"flag\":true,\"ratio\":2.5,\"fraction\":3}", Primitives.class, "p"))
        .isEqualTo("{\"count\":1,\"flag\":true,\"ratio\":2.5,\"fraction\":3.0}");
  }

  @Test
  void an_untyped_payload_with_a_number_too_large_for_a_double_is_refused_naming_it() {
    for (Class<?> untyped : java.util.List.of(JsonNode.class, Object.class)) {
      InvalidPayloadException refused =
          catchThrowableOfType(
              InvalidPayloadException.class,
              () -> json.canonical("{\"a\":[1,{\"b\":1e999}]}", untyped, "payload"));
      assertThat(refused).as("%s", untyped).isNotNull();
      assertThat(refused.field()).isEqualTo("payload.a[1].b");
    }
  }

  @Test
  void untyped_payloads_keep_any_json() {
    assertThat(
            json.canonical("{\"a\":\"1\",\"b\":1.5,\"c\":[true,null]}", JsonNode.class, "payload"))
        .isEqualTo("{\"a\":\"1\",\"b\":1.5,\"c\":[true,null]}");
  }

  @Test
  void stored_data_reads_back_under_the_mapper_as_given() {
    // Written before strict binding, or by a writer that wrote a non-finite double as a string.
    assertThat(
            json.read(
                "{\"count\":\"3\",\"flag\":1,\"ratio\":\"NaN\",\"fraction\":1}",
                Primitives.class,
                "payload"))
        .isEqualTo(new Primitives(3, true, Double.NaN, 1f));
  }

  @Test
  void the_mapper_as_given_is_left_as_it_was() {
    var mapper = Json.defaultMapper();
    new Json(mapper);

    assertThat(new Json(mapper).read("{\"count\":\"3\"}", Fields.class, "v").count()).isEqualTo(3);
  }
}
