package io.github.wechatqr.events;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import io.github.wechatqr.domain.InvalidCallback;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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
 * The document is read as a tree, so the shape of the known elements can be checked; others are ignored.
 */
final class PushXmlReader {
  private static final Logger LOG = LoggerFactory.getLogger(PushXmlReader.class);
  private static final int MAX_DEPTH = 16;

  /** Refuses every DTD, external entity and undeclared entity: there is nothing legitimate to resolve. */
  private static final XMLResolver DENY = (publicId, systemId, baseUri, namespace) -> {
    throw new EntityRefused();
  };

  private final XmlMapper mapper;
  private final XMLInputFactory input;

  /** @param maxChars the most characters a document may have (the body limit suits) */
  PushXmlReader(int maxChars) {
    XMLInputFactory factory = new WstxInputFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setXMLResolver(DENY);
    factory.setProperty(WstxInputProperties.P_UNDECLARED_ENTITY_RESOLVER, DENY);
    factory.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 1);
    factory.setProperty(WstxInputProperties.P_MAX_ENTITY_DEPTH, 1);
    factory.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, MAX_DEPTH);
    factory.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, maxChars);
    factory.setProperty(WstxInputProperties.P_MAX_CHARACTERS, (long) maxChars);
    this.input = factory;
    // Jackson sets nothing but coalescing on a factory it is handed: the hardening above stays as is.
    this.mapper = new XmlMapper(XmlFactory.builder().xmlInputFactory(factory).build());
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
      JsonNode root = mapper.readTree(mapper.getFactory().createParser(reader));
      toEnd(reader);
      return fields(root);
    } catch (IOException | XMLStreamException | RuntimeException e) {
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
   * Picks the known elements. Each must occur at most once and hold only text: Jackson would otherwise
   * let the last of two {@code EventKey}s win, or read {@code <EventKey><a>1</a></EventKey>} as empty.
   */
  private static XmlFields fields(JsonNode root) {
    return new XmlFields(text(root, "ToUserName"), text(root, "FromUserName"), text(root, "CreateTime"),
        text(root, "MsgType"), text(root, "Event"), text(root, "EventKey"), text(root, "Ticket"),
        text(root, "MsgId"), text(root, "Encrypt"));
  }

  private static String text(JsonNode root, String name) {
    JsonNode node = root.get(name);
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      throw new InvalidCallback(name + " must occur once and hold only text");
    }
    return node.textValue();
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
