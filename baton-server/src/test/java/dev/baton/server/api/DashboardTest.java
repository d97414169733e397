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
      assertThat(page.body())
          .contains("<script src=\"app.js\">")
          .doesNotContain("http://")
          .doesNotContain("https://");
      // The stream is read with fetch() and the Authorization header: no token in a URL, none on
      // disk.
      assertThat(api.get("/dashboard/app.js").body())
          .contains("sessionStorage")
          .contains("getReader")
          .doesNotContain("localStorage")
          .doesNotContain("?token=")
          .doesNotContain("new EventSource");
      assertThat(api.get("/api/v1/events").status()).isEqualTo(401);
      assertThat(firstEvent(api.server.url() + "/api/v1/events", "Authorization", "Bearer s3cret"))
          .startsWith("event: counts");
    }
  }

  @Test
  void the_root_redirects_to_the_dashboard() {
    try (TestServer api = new TestServer()) {
      assertThat(api.get("/").status()).isEqualTo(302);
    }
  }

  static String firstEvent(String url, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    HttpResponse<Stream<String>> response =
        HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
    try (Stream<String> lines = response.body()) {
      Iterator<String> it = lines.iterator();
      return it.next() + "\n" + it.next();
    }
  }
}
