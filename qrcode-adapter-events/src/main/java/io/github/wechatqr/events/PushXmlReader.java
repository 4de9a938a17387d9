package io.github.wechatqr.events;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import io.github.wechatqr.domain.InvalidCallback;
import java.io.ByteArrayInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLResolver;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads push XML with a parser that cannot be turned against the host: a DOCTYPE is rejected outright
 * (Woodstox with DTD support off would skip it silently), any entity reference other than the five
 * predefined ones is refused instead of resolved, and depth and size are capped. Nothing is ever fetched.
 * The document is streamed: the text of the known elements is kept, each up to its limit (a longer one is
 * refused as soon as the limit is passed, without reading on), and their shape is checked; everything else
 * is skipped unread.
 */
final class PushXmlReader {
  private static final Logger LOG = LoggerFactory.getLogger(PushXmlReader.class);
  private static final int MAX_DEPTH = 16;
  /*
   * The longest text kept of each known element (UTF-16 units), generous beside what WeChat sends, so that
   * no push a client makes up can hold more: ToUserName is "gh_" and 12 hex digits, FromUserName an openid
   * of 28 characters, MsgType and Event short words, EventKey "qrscene_" and a scene of at most 64 code
   * points (128 units) for a scan and a menu key or URL of up to 1,024 bytes otherwise, a Ticket about 100
   * characters, MsgId a 64-bit number, CreateTime at most 12 digits. Encrypt may fill the whole body.
   */
  static final int MAX_ACCOUNT = 64;
  static final int MAX_OPEN_ID = 64;
  static final int MAX_CREATE_TIME = 32;
  static final int MAX_MSG_TYPE = 32;
  static final int MAX_EVENT = 64;
  static final int MAX_EVENT_KEY = 1024;
  static final int MAX_TICKET = 512;
  static final int MAX_MSG_ID = 32;
  private static final String[] NAMES = {"ToUserName", "FromUserName", "CreateTime", "MsgType", "Event",
      "EventKey", "Ticket", "MsgId", "Encrypt"};

  /** Refuses every DTD, external entity and undeclared entity: there is nothing legitimate to resolve. */
  private static final XMLResolver DENY = (publicId, systemId, baseUri, namespace) -> {
    throw new EntityRefused();
  };

  private final XMLInputFactory input;
  private final int[] limits;

  /** @param maxChars the most characters a document may have (the body limit suits) */
  PushXmlReader(int maxChars) {
    XMLInputFactory factory = new WstxInputFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, false); // long text comes in segments, checked as it comes
    factory.setXMLResolver(DENY);
    factory.setProperty(WstxInputProperties.P_UNDECLARED_ENTITY_RESOLVER, DENY);
    factory.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 1);
    factory.setProperty(WstxInputProperties.P_MAX_ENTITY_DEPTH, 1);
    factory.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, MAX_DEPTH);
    factory.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, maxChars);
    factory.setProperty(WstxInputProperties.P_MAX_CHARACTERS, (long) maxChars);
    this.input = factory;
    this.limits = new int[] {MAX_ACCOUNT, MAX_OPEN_ID, MAX_CREATE_TIME, MAX_MSG_TYPE, MAX_EVENT, MAX_EVENT_KEY,
        MAX_TICKET, MAX_MSG_ID, maxChars};
  }

  /**
   * @param xml a document whose root is {@code <xml>}
   * @return its fields
   * @throws InvalidCallback with a fixed, clear reason if the document is refused or malformed
   */
  XmlFields read(byte[] xml) {
    XMLStreamReader reader = null;
    try {
      reader = input.createXMLStreamReader(new ByteArrayInputStream(xml));
      toRoot(reader);
      String[] values = fields(reader);
      toEnd(reader);
      return new XmlFields(values[0], values[1], values[2], values[3], values[4], values[5], values[6],
          values[7], values[8]);
    } catch (XMLStreamException | RuntimeException e) {
      throw translate(e);
    } finally {
      close(reader);
    }
  }

  private static void toRoot(XMLStreamReader reader) throws XMLStreamException {
    int event = reader.getEventType();
    while (event != XMLStreamConstants.START_ELEMENT) {
      if (event == XMLStreamConstants.DTD) {
        throw new InvalidCallback("DOCTYPE is not allowed");
      }
      event = reader.next();
    }
    if (!"xml".equals(reader.getLocalName())) {
      throw new InvalidCallback("the root element must be <xml>");
    }
  }

  /**
   * Picks the known elements among the root's children, up to the root's end. Each must occur at most once
   * and hold only text: otherwise the last of two {@code EventKey}s could win, or
   * {@code <EventKey><a>1</a></EventKey>} read as empty.
   */
  private String[] fields(XMLStreamReader reader) throws XMLStreamException {
    String[] values = new String[NAMES.length];
    int depth = 1;
    while (depth > 0) {
      int event = reader.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        int field = depth == 1 ? known(reader.getLocalName()) : -1;
        if (field < 0) {
          depth++;
        } else if (values[field] != null || reader.getAttributeCount() > 0) {
          throw notText(NAMES[field]);
        } else {
          values[field] = text(reader, field);
        }
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
    return values;
  }

  private static int known(String name) {
    for (int i = 0; i < NAMES.length; i++) {
      if (NAMES[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Reads a known element's text up to its end tag; comments inside are dropped. */
  private String text(XMLStreamReader reader, int field) throws XMLStreamException {
    StringBuilder text = new StringBuilder();
    while (true) {
      int event = reader.next();
      switch (event) {
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
          int length = reader.getTextLength();
          if (text.length() + length > limits[field]) {
            throw new InvalidCallback(NAMES[field] + " is longer than " + limits[field] + " characters");
          }
          text.append(reader.getTextCharacters(), reader.getTextStart(), length);
        }
        case XMLStreamConstants.START_ELEMENT -> throw notText(NAMES[field]);
        case XMLStreamConstants.END_ELEMENT -> {
          return text.toString();
        }
        default -> {
          // a comment or a processing instruction: not part of the text
        }
      }
    }
  }

  private static InvalidCallback notText(String name) {
    return new InvalidCallback(name + " must occur once and hold only text");
  }

  /** Reads on to the end, so trailing content (a second root, say) is an error, not ignored. */
  private static void toEnd(XMLStreamReader reader) throws XMLStreamException {
    while (reader.hasNext()) {
      reader.next();
    }
  }

  private static InvalidCallback translate(Exception e) {
    if (e instanceof InvalidCallback invalid) {
      return invalid;
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof EntityRefused) {
        return new InvalidCallback("entity references are not allowed");
      }
    }
    LOG.debug("malformed push XML: {}", e.toString());
    return new InvalidCallback("malformed XML");
  }

  private static void close(XMLStreamReader reader) {
    if (reader != null) {
      try {
        reader.close();
      } catch (XMLStreamException e) {
        LOG.debug("closing an XML reader failed: {}", e.toString());
      }
    }
  }

  /** Thrown by the resolver; recognised in the cause chain to name the refusal. */
  private static final class EntityRefused extends XMLStreamException {
    private static final long serialVersionUID = 1L;

    EntityRefused() {
      super("entity references are not allowed");
    }
  }
}
