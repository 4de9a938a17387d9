/**
 * Test support for this library and for host applications: {@link io.github.wechatqr.testkit.FakeWeChatServer}
 * (a stateful fake of the WeChat service over real HTTP) and its JUnit extension, the in-memory gateway and
 * store on the fake's model with scans simulated without HTTP, {@link io.github.wechatqr.testkit.MutableClock},
 * {@link io.github.wechatqr.testkit.Await}, and the contract kits every port implementation proves itself
 * with. The module's README has the recipes.
 */
package io.github.wechatqr.testkit;
