package dev.baton.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DashboardTest {
  @Test
  void the_page_is_public_and_its_data_needs_the_token() throws Exception {
    try (TestServer api = new TestServer("s3cret", 10_000)) {
      api.token = null;
      var page = api.get("/dashboard/index.html");
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.contentType()).startsWith("text/html");
      assertThat(page.body()).contains("<script src=\"app.js\">").doesNotContain("http://").doesNotContain("https://");
      assertThat(api.get("/dashboard/app.js").body()).contains("EventSource");
      assertThat(api.get("/api/v1/events").status()).isEqualTo(401);
      assertThat(firstEvent(api.server.url() + "/api/v1/events?token=s3cret")).startsWith("event: counts");
    }
  }

  @Test
  void the_root_redirects_to_the_dashboard() {
    try (TestServer api = new TestServer()) {
      assertThat(api.get("/").status()).isEqualTo(302);
    }
  }

  static String firstEvent(String url) throws IOException, InterruptedException {
    HttpResponse<Stream<String>> response =
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
    try (Stream<String> lines = response.body()) {
      Iterator<String> it = lines.iterator();
      return it.next() + "\n" + it.next();
    }
  }
}
