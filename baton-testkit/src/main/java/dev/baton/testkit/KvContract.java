package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.spi.KvStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The key-value SPI ({@link KvStore}): set, get, delete, prefix listing, size, clear, expiry on
 * read and sweeping. Runs when {@link dev.baton.spi.Capabilities#keyValue()} holds; expiry tests
 * also need {@link dev.baton.spi.Capabilities#callerClock()}. Extend it and implement {@link
 * #openStore}.
 */
public abstract class KvContract extends StoreContractSupport {
  /** The key-value store of the store under test. */
  protected KvStore kv;

  /** Makes the contract; a backend's subclass needs no constructor. */
  protected KvContract() {}

  /** Skips every test of a store with no key-value store; else picks it up. */
  @BeforeEach
  protected void openKv() {
    assumeKeyValue();
    kv = store.kv();
  }

  private Instant in(Duration ttl) {
    return clock.instant().plus(ttl);
  }

  @Test
  void a_set_value_is_read_back() {
    kv.set("cookie", "{\"v\":\"abc\",\"n\":[1,2]}", null);

    assertThat(kv.get("cookie"))
        .hasValueSatisfying(json -> assertSameJson(json, "{\"v\":\"abc\",\"n\":[1,2]}"));
  }

  @Test
  void a_missing_key_reads_empty() {
    kv.set("a", "1", null);

    assertThat(kv.get("b")).isEmpty();
  }

  @Test
  void unicode_keys_and_values_round_trip() {
    kv.set("städte/東京", "\"café ☕ 🚀\"", null);

    assertThat(kv.get("städte/東京"))
        .hasValueSatisfying(json -> assertSameJson(json, "\"café ☕ 🚀\""));
    assertThat(kv.keys("städte/")).containsExactly("städte/東京");
  }

  @Test
  void set_replaces_the_value() {
    kv.set("k", "1", null);
    kv.set("k", "2", null);

    assertThat(kv.get("k")).contains("2");
    assertThat(kv.size()).isEqualTo(1);
  }

  @Test
  void delete_removes_a_live_entry_and_says_so() {
    kv.set("k", "1", null);

    assertThat(kv.delete("k")).isTrue();
    assertThat(kv.get("k")).isEmpty();
    assertThat(kv.delete("k")).isFalse();
    assertThat(kv.delete("never")).isFalse();
  }

  @Test
  void keys_lists_live_keys_with_the_prefix_sorted() {
    for (String key : new String[] {"user:3", "user:1", "session:1", "user:2", "users", "use"}) {
      kv.set(key, "true", null);
    }

    assertThat(kv.keys("user:")).containsExactly("user:1", "user:2", "user:3");
    assertThat(kv.keys("user")).containsExactly("user:1", "user:2", "user:3", "users");
    assertThat(kv.keys(""))
        .containsExactly("session:1", "use", "user:1", "user:2", "user:3", "users");
    assertThat(kv.keys("nothing")).isEmpty();
  }

  @Test
  void keys_matches_the_prefix_literally_even_with_wildcard_characters() {
    for (String key : new String[] {"a%b", "axb", "a_c", "abc", "a\\d", "a[e]", "a*f", "a.g"}) {
      kv.set(key, "0", null);
    }

    assertThat(kv.keys("a%")).containsExactly("a%b");
    assertThat(kv.keys("a_")).containsExactly("a_c");
    assertThat(kv.keys("a\\")).containsExactly("a\\d");
    assertThat(kv.keys("a[")).containsExactly("a[e]");
    assertThat(kv.keys("a*")).containsExactly("a*f");
    assertThat(kv.keys("a.")).containsExactly("a.g");
    assertThat(kv.keys("%")).isEmpty();
    assertThat(kv.keys("_")).isEmpty();
  }

  @Test
  void size_counts_entries_and_clear_removes_them_all() {
    kv.set("a", "1", null);
    kv.set("b", "2", null);
    kv.set("c", "3", null);
    assertThat(kv.size()).isEqualTo(3);

    kv.clear();

    assertThat(kv.size()).isZero();
    assertThat(kv.get("a")).isEmpty();
    assertThat(kv.keys("")).isEmpty();
  }

  @Test
  void an_entry_is_absent_for_every_read_once_its_expiry_is_reached() {
    assumeCallerClock();
    kv.set("token", "\"t\"", in(Duration.ofSeconds(10)));
    kv.set("forever", "\"f\"", null);

    clock.advance(Duration.ofMillis(9_999));
    assertThat(kv.get("token")).contains("\"t\"");
    assertThat(kv.keys("")).containsExactly("forever", "token");
    assertThat(kv.size()).isEqualTo(2);

    clock.advance(Duration.ofMillis(1));
    assertThat(kv.get("token")).isEmpty();
    assertThat(kv.keys("")).containsExactly("forever");
    assertThat(kv.size()).isEqualTo(1);
    assertThat(kv.delete("token")).as("an expired entry is not live").isFalse();
    assertThat(kv.get("forever")).contains("\"f\"");
  }

  @Test
  void sweep_removes_expired_entries_only() {
    assumeCallerClock();
    kv.set("short", "1", in(Duration.ofSeconds(1)));
    kv.set("other", "2", in(Duration.ofSeconds(2)));
    kv.set("long", "3", in(Duration.ofHours(1)));
    kv.set("forever", "4", null);
    clock.advance(Duration.ofSeconds(5));

    assertThat(kv.sweep()).isEqualTo(2);

    assertThat(kv.sweep()).as("nothing left to sweep").isZero();
    assertThat(kv.keys("")).containsExactly("forever", "long");
    clock.set(clock.instant().minusSeconds(10));
    assertThat(kv.get("short"))
        .as("a swept entry is gone for good, whatever the clock says")
        .isEmpty();
  }

  @Test
  void overwriting_replaces_the_expiry_too() {
    assumeCallerClock();
    kv.set("was-temporary", "1", in(Duration.ofSeconds(5)));
    kv.set("was-temporary", "2", null);
    kv.set("was-permanent", "1", null);
    kv.set("was-permanent", "2", in(Duration.ofSeconds(5)));
    kv.set("extended", "1", in(Duration.ofSeconds(5)));
    kv.set("extended", "2", in(Duration.ofSeconds(50)));

    clock.advance(Duration.ofSeconds(10));

    assertThat(kv.get("was-temporary")).contains("2");
    assertThat(kv.get("was-permanent")).isEmpty();
    assertThat(kv.get("extended")).contains("2");
  }

  @Test
  void an_expired_key_can_be_set_again() {
    assumeCallerClock();
    kv.set("k", "1", in(Duration.ofSeconds(1)));
    clock.advance(Duration.ofSeconds(2));

    kv.set("k", "2", null);

    assertThat(kv.get("k")).contains("2");
    assertThat(kv.size()).isEqualTo(1);
  }
}
