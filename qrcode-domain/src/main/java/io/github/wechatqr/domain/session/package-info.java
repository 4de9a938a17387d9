/**
 * Scan sessions: a temporary code made for one waiting party (a browser's login or account-binding page),
 * recognised when its scan arrives, awaited and consumed exactly once, on one instance or across many. The
 * model ({@link io.github.wechatqr.domain.session.ScanSession}), its use case
 * ({@link io.github.wechatqr.domain.session.ScanSessions}) and the port that keeps session state and tells
 * of its changes ({@link io.github.wechatqr.domain.session.ScanSessionStore}, with its in-process
 * implementation) live together here, as the token subsystem does in {@code domain.token}: the port speaks
 * the session model, so keeping it beside its use case keeps the domain's packages free of cycles.
 *
 * <p>Null-marked by convention: nothing here is null unless its javadoc says so (see
 * {@link io.github.wechatqr.domain}).
 */
package io.github.wechatqr.domain.session;
