package io.github.wechatqr.events;

import io.github.wechatqr.domain.InvalidCallback;
import io.github.wechatqr.domain.ScanEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads a captured push <em>without</em> checking its signature or timestamp, for tools that inspect
 * pushes after the fact (the command line's {@code qrcode event}). The XML is read by the same hardened
 * parser and safe-mode messages are decrypted and their appid checked, but nothing here authenticates the
 * sender: accept pushes only through {@link WeChatCallbackHandler}.
 *
 * <pre>{@code
 * PushInspector.Inspected push = PushInspector.read(body, encodingAesKey, appId);
 * push.scan().ifPresent(scan -> System.out.println(scan.sceneKey()));
 * }</pre>
 */
public final class PushInspector {
  private static final int MAX_BYTES = 64 * 1024;

  private PushInspector() {}

  /**
   * What a push holds.
   *
   * @param message the message fields (decrypted in safe mode)
   * @param scan the scan it reports, when it is one
   */
  public record Inspected(CallbackMessage message, Optional<ScanEvent> scan) {}

  /**
   * Reads a push body without a handler: its message type and fields, decrypted if it comes in the safe-mode envelope.
   *
   * @param body the push body: plain XML, or the safe-mode envelope with an {@code Encrypt} element
   * @param encodingAesKey the EncodingAESKey to decrypt with; {@code null} for a plain push
   * @param appId the appid the ciphertext must carry; {@code null} for a plain push
   * @return the push's content
   * @throws InvalidCallback if it cannot be read, decrypted or parsed
   */
  public static Inspected read(byte[] body, @Nullable String encodingAesKey, @Nullable String appId) {
    if (body.length > MAX_BYTES) {
      throw new InvalidCallback("body over " + MAX_BYTES + " bytes");
    }
    PushXmlReader xml = new PushXmlReader(MAX_BYTES);
    MessageCipher cipher = encodingAesKey == null ? null : new MessageCipher(encodingAesKey, appId);
    String encrypt = cipher == null ? null : xml.read(body).encrypt();
    if (cipher != null && (encrypt == null || encrypt.isEmpty())) {
      throw new InvalidCallback("Encrypt is missing");
    }
    // No signature is checked, so the decoder's token, clock and skew are never consulted.
    PushDecoder decoder = new PushDecoder("", cipher, xml, Clock.systemUTC(), Duration.ZERO);
    Decoded decoded = decoder.read(new Signed("0", "", "", encrypt, body));
    return new Inspected(decoded.message(), Optional.ofNullable(decoded.scan()));
  }
}
