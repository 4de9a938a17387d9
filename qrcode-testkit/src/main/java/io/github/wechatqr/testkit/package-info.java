/**
 * Test support for this library and for host applications: {@link io.github.wechatqr.testkit.FakeWeChatServer}
 * (a stateful fake of the WeChat service over real HTTP) and its JUnit extension, the in-memory gateway and
 * store on the fake's model with scans simulated without HTTP, {@link io.github.wechatqr.testkit.MutableClock},
 * {@link io.github.wechatqr.testkit.Await}, and the contract kits every port implementation proves itself
 * with. The module's README has the recipes.
 *
 * <p>Null-marked: no parameter, return value or field here is null unless its type says {@code @Nullable}.
 */
@NullMarked
package io.github.wechatqr.testkit;

import org.jspecify.annotations.NullMarked;
