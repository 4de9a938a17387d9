package io.github.wechatqr.spring;

import java.util.Map;

/**
 * A health contributor's answer without the Boot line's types, so one test reads alike on Boot 3 and 4
 * ({@code BootLine.health} makes it).
 *
 * @param status the status code: UP, DOWN, UNKNOWN
 * @param details the details as the contributor gave them
 */
record HealthView(String status, Map<String, Object> details) {}
