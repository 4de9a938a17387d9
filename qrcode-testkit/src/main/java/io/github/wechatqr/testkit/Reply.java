package io.github.wechatqr.testkit;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the fake answers to one request. */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers, Integer errcode) {
  static final String JSON = "application/json; encoding=utf-8";

  static Reply json(Map<String, ?> fields) {
    return new Reply(200, JSON, Json.write(fields), Map.of(), null);
  }

  static Reply error(int errcode, String errmsg) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("errcode", errcode);
    fields.put("errmsg", errmsg);
    return new Reply(200, JSON, Json.write(fields), Map.of(), errcode);
  }

  static Reply status(int status, String text) {
    return new Reply(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), Map.of(), null);
  }

  static Reply image(byte[] jpeg) {
    return new Reply(200, "image/jpg", jpeg, Map.of("Cache-control", "max-age=604800"), null);
  }
}
