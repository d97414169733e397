package dev.baton.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.Baton;
import dev.baton.Fetch;
import dev.baton.LeaseLostException;
import dev.baton.LeasedTask;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.TaskType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pull loop of docs/workers.md, on the memory backend with a mailer that is sometimes full. */
class PullExampleTest {
  record Email(String to, String subject) {}

  record Receipt(String to) {}

  static final class MailboxFullException extends RuntimeException {
    MailboxFullException(String message) {
      super(message);
    }
  }

  static final TaskType<Email> SEND_EMAIL = TaskType.of("send_email", Email.class);

  static Receipt send(Email email) {
    if (email.to().startsWith("full")) {
      throw new MailboxFullException("mailbox of " + email.to() + " is full");
    }
    if (email.to().startsWith("broken")) {
      throw new IllegalStateException("no route to " + email.to());
    }
    return new Receipt(email.to());
  }

  @Test
  void the_documented_loop_acks_retries_after_a_delay_and_retries_under_the_policy() {
    try (Baton baton = Baton.builder().workers(0).register(SEND_EMAIL).start()) {
      List<TaskId> ids = new ArrayList<>();
      for (String to : List.of("a@b.c", "full@b.c", "broken@b.c")) {
        ids.add(baton.enqueue(SEND_EMAIL, new Email(to, "hi")).id());
      }
      Fetch fetch =
          Fetch.builder().types(SEND_EMAIL).max(10).timeout(Duration.ofSeconds(5)).build();
      int settled = 0;
      while (settled < ids.size()) {
        for (LeasedTask task : baton.fetch(fetch)) {
          settled++;
          try {
            task.ack(send(task.payload(Email.class)));
          } catch (MailboxFullException e) {
            task.fail(e.getMessage(), Duration.ofMinutes(10));
          } catch (LeaseLostException e) {
            settled--;
          } catch (RuntimeException e) {
            task.fail(e);
          }
        }
      }

      assertThat(baton.task(ids.get(0)).await(Duration.ofSeconds(5), Receipt.class))
          .isEqualTo(new Receipt("a@b.c"));
      TaskRecord full = baton.task(ids.get(1)).get().orElseThrow();
      assertThat(full.status()).isEqualTo(TaskStatus.QUEUED);
      assertThat(full.lastError().exceptionClass()).isEqualTo("retry-after");
      TaskRecord broken = baton.task(ids.get(2)).get().orElseThrow();
      assertThat(broken.status()).isEqualTo(TaskStatus.QUEUED);
      assertThat(broken.lastError().exceptionClass())
          .isEqualTo(IllegalStateException.class.getName());
    }
  }
}
