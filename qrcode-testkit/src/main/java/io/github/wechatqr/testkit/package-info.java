/**
 * Test support for this library and for host applications: {@link io.github.wechatqr.testkit.FakeWeChatServer}
 * (a stateful fake of the WeChat service over real HTTP), {@link io.github.wechatqr.testkit.MutableClock},
 * the contract kits every port implementation proves itself with, and in-memory implementations of the ports.
 */
package io.github.wechatqr.testkit;
