package dev.baton.store.redis;

import dev.baton.schedule.MisfirePolicy;
import dev.baton.schedule.ScheduleKind;
import dev.baton.schedule.ScheduleRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Schedules as schedule.lua stores them: one hash per schedule, its fields as decimal text, times
 * in epoch microseconds, a null field absent.
 */
final class ScheduleCodec {
  private ScheduleCodec() {}

  /** A schedule's fields as flat pairs, nulls left out; created, updated and version too. */
  static List<String> scheduleFields(ScheduleRecord s) {
    List<String> out = new ArrayList<>();
    put(out, "name", s.name());
    put(out, "kind", s.kind().name());
    put(out, "expr", s.expression());
    putIf(out, "zone", s.zone());
    put(out, "ttype", s.taskType());
    put(out, "payload", s.payload());
    put(out, "queue", s.queue());
    put(out, "prio", Integer.toString(s.priority()));
    put(out, "maxRuns", Long.toString(s.maxRuns()));
    put(out, "runCount", Long.toString(s.runCount()));
    put(out, "enabled", s.enabled() ? "1" : "0");
    if (s.lastRunAt() != null) {
      put(out, "lastRun", TaskCodec.micros(s.lastRunAt()));
    }
    if (s.nextRunAt() != null) {
      put(out, "nextRun", TaskCodec.micros(s.nextRunAt()));
    }
    putIf(out, "desc", s.description());
    put(out, "misfire", s.misfirePolicy().name());
    return out;
  }

  /** A schedule from its hash's flat fields, or null when the hash is empty (no such schedule). */
  static ScheduleRecord schedule(Object reply) {
    Map<String, String> m = TaskCodec.map(reply);
    if (m.get("name") == null) {
      return null;
    }
    return ScheduleRecord.builder()
        .name(m.get("name"))
        .kind(ScheduleKind.valueOf(m.get("kind")))
        .expression(m.get("expr"))
        .zone(m.get("zone"))
        .taskType(m.get("ttype"))
        .payload(m.get("payload"))
        .queue(m.get("queue"))
        .priority(Integer.parseInt(m.get("prio")))
        .maxRuns(Long.parseLong(m.get("maxRuns")))
        .runCount(Long.parseLong(m.get("runCount")))
        .enabled("1".equals(m.get("enabled")))
        .lastRunAt(TaskCodec.instant(m.get("lastRun")))
        .nextRunAt(TaskCodec.instant(m.get("nextRun")))
        .description(m.get("desc"))
        .misfirePolicy(MisfirePolicy.valueOf(m.get("misfire")))
        .createdAt(TaskCodec.instant(m.get("created")))
        .updatedAt(TaskCodec.instant(m.get("updated")))
        .version(Long.parseLong(m.get("version")))
        .build();
  }

  private static void put(List<String> out, String field, String value) {
    out.add(field);
    out.add(value);
  }

  private static void putIf(List<String> out, String field, String value) {
    if (value != null) {
      put(out, field, value);
    }
  }
}
