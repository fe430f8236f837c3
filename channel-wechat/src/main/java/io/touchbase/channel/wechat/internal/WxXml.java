package io.touchbase.channel.wechat.internal;

import io.touchbase.spi.channel.CallbackRejectedException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads the XML of WeChat and WeCom pushes with the JDK's own parser, hardened: a document
 * with a DTD is refused outright, so no external entity, external DTD or entity expansion can be
 * reached; XInclude is off. The JDK's built-in implementation is used whatever parser the host
 * has on its classpath, so the hardening features are known to exist. Stateless and thread-safe.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
final class WxXml {
  private static final ErrorHandler THROWING = new ErrorHandler() {
    @Override
    public void warning(SAXParseException e) {}

    @Override
    public void error(SAXParseException e) throws SAXException {
      throw e;
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
      throw e;
    }
  };

  private WxXml() {}

  /**
   * The root {@code <xml>} element of {@code text}.
   *
   * @throws CallbackRejectedException (400) when the text is not well-formed XML, has a DTD, or
   *     its root is not {@code <xml>}; the reason shows no content
   */
  static Element parse(String text) {
    Objects.requireNonNull(text, "text");
    Document document;
    try {
      DocumentBuilder builder = factory().newDocumentBuilder();
      builder.setErrorHandler(THROWING);
      document = builder.parse(new InputSource(new StringReader(text)));
    } catch (SAXException | IOException e) {
      // The parser's message may quote the document: keep it out.
      throw CallbackRejectedException.malformed("body is not well-formed XML without a DTD");
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a hardening feature", e);
    }
    Element root = document.getDocumentElement();
    if (root == null || !root.getTagName().equals("xml")) {
      throw CallbackRejectedException.malformed("the root element of the body must be <xml>");
    }
    return root;
  }

  /** The text of the first child element {@code name} of {@code parent}, if there is one. */
  static Optional<String> text(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return Optional.of(e.getTextContent());
      }
    }
    return Optional.empty();
  }

  /** The text of the child element {@code name}; empty when it is missing or blank. */
  static Optional<String> nonBlank(Element parent, String name) {
    return text(parent, name).map(String::strip).filter(v -> !v.isEmpty());
  }

  /** Every child element {@code name} of {@code parent}, in document order. */
  static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        found.add(e);
      }
    }
    return found;
  }

  /** {@code <name><![CDATA[value]]></name>}; {@code value} must not contain {@code ]]>}. */
  static String cdata(String name, String value) {
    if (value.contains("]]>")) {
      throw new IllegalArgumentException("a CDATA value must not contain ]]>");
    }
    return "<" + name + "><![CDATA[" + value + "]]></" + name + ">";
  }

  private static DocumentBuilderFactory factory() throws ParserConfigurationException {
    DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setFeature("http://xml.org/sax/features/external-general-entities", false);
    f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    f.setXIncludeAware(false);
    f.setExpandEntityReferences(false);
    f.setNamespaceAware(false);
    f.setValidating(false);
    return f;
  }
}
