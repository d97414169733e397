package dev.baton.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CapabilitiesTest {
  @Test
  void builder_starts_with_every_flag_off() {
    assertThat(Capabilities.builder().build())
        .isEqualTo(new Capabilities(false, false, false, false, false, false));
  }

  @Test
  void each_setter_turns_on_its_own_flag_only() {
    assertThat(Capabilities.builder().durable(true).build())
        .isEqualTo(new Capabilities(true, false, false, false, false, false));
    assertThat(Capabilities.builder().callerClock(true).build())
        .isEqualTo(new Capabilities(false, true, false, false, false, false));
    assertThat(Capabilities.builder().wakeups(true).build())
        .isEqualTo(new Capabilities(false, false, true, false, false, false));
    assertThat(Capabilities.builder().listing(true).build())
        .isEqualTo(new Capabilities(false, false, false, true, false, false));
    assertThat(Capabilities.builder().schedules(true).build())
        .isEqualTo(new Capabilities(false, false, false, false, true, false));
    assertThat(Capabilities.builder().keyValue(true).build())
        .isEqualTo(new Capabilities(false, false, false, false, false, true));
  }

  @Test
  void toBuilder_keeps_the_other_flags() {
    Capabilities c = new Capabilities(true, false, true, false, true, false);

    assertThat(c.toBuilder().build()).isEqualTo(c);
    assertThat(c.toBuilder().wakeups(false).keyValue(true).build())
        .isEqualTo(new Capabilities(true, false, false, false, true, true));
  }
}
