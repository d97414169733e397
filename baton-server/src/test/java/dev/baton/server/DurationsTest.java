package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One grammar for every duration: short forms and ISO-8601, from zero to 100 years. */
class DurationsTest {
  static Stream<Arguments> accepted() {
    return Stream.of(
        Arguments.of("500ms", Duration.ofMillis(500)),
        Arguments.of("30s", Duration.ofSeconds(30)),
        Arguments.of("5s", Duration.ofSeconds(5)),
        Arguments.of("5m", Duration.ofMinutes(5)),
        Arguments.of("1h", Duration.ofHours(1)),
        Arguments.of("2d", Duration.ofDays(2)),
        Arguments.of("0s", Duration.ZERO),
        Arguments.of(" 30S ", Duration.ofSeconds(30)),
        Arguments.of("PT30S", Duration.ofSeconds(30)),
        Arguments.of("pt30s", Duration.ofSeconds(30)),
        Arguments.of("PT1H30M", Duration.ofMinutes(90)),
        Arguments.of("PT0.5S", Duration.ofMillis(500)),
        Arguments.of("P1D", Duration.ofDays(1)),
        Arguments.of("P1DT12H", Duration.ofHours(36)),
        Arguments.of("36500d", Duration.ofDays(36_500)),
        Arguments.of("P36500D", Duration.ofDays(36_500)));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("accepted")
  void accepted_forms(String text, Duration expected) {
    assertThat(Durations.parse(text)).isEqualTo(expected);
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("", "is not a duration"),
        Arguments.of("soon", "is not a duration"),
        Arguments.of("30", "is not a duration"),
        Arguments.of("s", "is not a duration"),
        Arguments.of("1.5s", "is not a duration"),
        Arguments.of("+5s", "is not a duration"),
        Arguments.of("5 s", "is not a duration"),
        Arguments.of("1h30m", "is not a duration"),
        Arguments.of("5w", "is not a duration"),
        Arguments.of("P", "is not a duration"),
        Arguments.of("PT", "is not a duration"),
        Arguments.of("-5s", "is not a duration"),
        Arguments.of("-PT5S", "is negative"),
        Arguments.of("PT-5S", "is negative"),
        Arguments.of("P-1D", "is negative"),
        Arguments.of("36501d", "longer than the maximum of 100 years"),
        Arguments.of("P36501D", "longer than the maximum of 100 years"),
        Arguments.of("P1000000000D", "longer than the maximum of 100 years"),
        Arguments.of("9999999999999999d", "longer than the maximum of 100 years"),
        Arguments.of("99999999999999999999s", "longer than the maximum of 100 years"),
        Arguments.of("PT9999999999999999999H", "longer than the maximum of 100 years"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("refused")
  void refused_forms_name_the_text_and_why(String text, String why) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'")
        .hasMessageContaining(why);
  }

  @org.junit.jupiter.api.Test
  void null_is_refused_with_the_forms() {
    assertThatThrownBy(() -> Durations.parse(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Durations.FORMS);
  }
}
