package dev.baton.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.baton.InvalidPayloadException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Writing a batch of values in one pass gives each the text a write of its own gives. */
class JsonWriteEachTest {
  record Point(int x, long y, String label) {}

  record Broken(int x) {
    public int getBoom() {
      throw new IllegalStateException("boom");
    }
  }

  private static final List<Object> VALUES =
      List.of(
          new Point(1, 2L, "a \"quoted\" label"),
          "text",
          42,
          List.of(1, 2, 3),
          Map.of("k", new Point(-1, Long.MAX_VALUE, "")),
          Instant.parse("2026-01-01T00:00:00Z"),
          new Point(0, 0, "é ü 中"));

  @Test
  void eachTextIsTheOneWriteGives() {
    Json json = new Json(Json.defaultMapper());
    assertThat(json.writeEach(VALUES)).containsExactlyElementsOf(oneByOne(json));
  }

  @Test
  void aPrettyPrintingMapperToo() {
    Json json = new Json(Json.defaultMapper().enable(SerializationFeature.INDENT_OUTPUT));
    assertThat(json.writeEach(VALUES)).containsExactlyElementsOf(oneByOne(json));
  }

  @Test
  void aValueThatCannotBeWrittenFailsTheBatch() {
    Json json = new Json(Json.defaultMapper());
    assertThatThrownBy(() -> json.writeEach(List.of(new Point(1, 2, "ok"), new Broken(3))))
        .isInstanceOf(InvalidPayloadException.class);
  }

  private static List<String> oneByOne(Json json) {
    List<String> texts = new ArrayList<>();
    for (Object value : VALUES) {
      texts.add(json.write(value, "value"));
    }
    return texts;
  }
}
