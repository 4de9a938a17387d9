package io.github.wechatqr.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The README's yaml ({@code secret: ${WECHAT_SECRET}} and so on) in a real web application, the variables in a
 * {@code systemEnvironment} source as Boot names it, {@code show-values: always}: {@code /actuator/env} and
 * {@code /actuator/configprops}, over HTTP, show every other value and none of the secrets, whatever the
 * name they are found under.
 */
class SecretsInTheActuatorTest {
  private static final String APP_ID = "wxactuator000001";
  private static final String SECRET = "Actu4torS3cret0000000000000000ab";
  private static final String CALLBACK_TOKEN = "actuatorToken9";
  private static final String AES_KEY = "Qq1Ww2Ee3Rr4Tt5Yy6Uu7Ii8Oo9Pp0AaSsDdFfGgHhJ";
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ConfigurableApplicationContext host;

  @BeforeAll
  static void start() {
    host = new SpringApplicationBuilder(App.class)
        .initializers(context -> {
          var sources = context.getEnvironment().getPropertySources();
          sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
              StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of("WECHAT_APP_ID", APP_ID,
                  "WECHAT_SECRET", SECRET, "WECHAT_CALLBACK_TOKEN", CALLBACK_TOKEN, "WECHAT_AES_KEY", AES_KEY,
                  "HOST_REGION", "eu-west-9")));
          // A name the starter cannot know, holding the same value.
          sources.addFirst(new MapPropertySource("hostSettings", Map.of("partner.api-key", SECRET)));
        })
        .properties("spring.config.name=secrets-host", "spring.main.banner-mode=off", "server.port=0",
            "server.address=127.0.0.1")
        .run();
  }

  @AfterAll
  static void stop() {
    host.close();
  }

  @Test
  void env_masks_the_variables_the_yaml_reads_and_every_copy_of_their_values() throws Exception {
    JsonNode env = get("/actuator/env");

    JsonNode variables = source(env, "systemEnvironment");
    for (String name : new String[] {"WECHAT_SECRET", "WECHAT_CALLBACK_TOKEN", "WECHAT_AES_KEY"}) {
      assertThat(variables.at("/" + name + "/value").asText()).as(name).isEqualTo(SanitizableData.SANITIZED_VALUE);
    }
    assertThat(variables.at("/WECHAT_APP_ID/value").asText()).isEqualTo(APP_ID);
    assertThat(variables.at("/HOST_REGION/value").asText()).isEqualTo("eu-west-9");
    assertThat(source(env, "hostSettings").at("/partner.api-key/value").asText())
        .isEqualTo(SanitizableData.SANITIZED_VALUE);
    JsonNode yaml = source(env, "secrets-host.yml");
    assertThat(yaml.at("/billing.copy-of-secret/value").asText()).isEqualTo(SanitizableData.SANITIZED_VALUE);
    assertThat(yaml.at("/wechat.qrcode.app-id/value").asText()).isEqualTo(APP_ID); // placeholders are resolved
    assertThat(yaml.at("/wechat.qrcode.callback.path/value").asText()).isEqualTo("/hooks/wechat");
    assertThat(env.toString()).doesNotContain(SECRET).doesNotContain(CALLBACK_TOKEN).doesNotContain(AES_KEY);
  }

  @Test
  void configprops_masks_the_bound_secrets_and_their_inputs() throws Exception {
    JsonNode configprops = get("/actuator/configprops");

    JsonNode bean = configprops.findValues("wechat.qrcode-" + WeChatQrCodeProperties.class.getName()).get(0);
    assertThat(bean.at("/properties/appId").asText()).isEqualTo(APP_ID);
    assertThat(bean.at("/properties/secret").asText()).isEqualTo(SanitizableData.SANITIZED_VALUE);
    assertThat(bean.at("/properties/callback/token").asText()).isEqualTo(SanitizableData.SANITIZED_VALUE);
    assertThat(bean.at("/properties/callback/encodingAesKey").asText()).isEqualTo(SanitizableData.SANITIZED_VALUE);
    assertThat(bean.at("/inputs/secret/value").asText()).isEqualTo(SanitizableData.SANITIZED_VALUE);
    assertThat(bean.at("/inputs/callback/path/value").asText()).isEqualTo("/hooks/wechat");
    assertThat(configprops.toString()).doesNotContain(SECRET).doesNotContain(CALLBACK_TOKEN).doesNotContain(AES_KEY);
  }

  /** @return the properties of the first source whose name holds {@code name} */
  private static JsonNode source(JsonNode env, String name) {
    for (JsonNode source : env.get("propertySources")) {
      if (source.get("name").asText().contains(name)) {
        return source.get("properties");
      }
    }
    throw new AssertionError("no property source " + name + " in " + env);
  }

  private static JsonNode get(String path) throws IOException, InterruptedException {
    int port = host.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET()
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(path).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}
}
