package dev.postern.dmarc.report;

import java.io.IOException;
import java.io.StringReader;
import java.net.URL;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.xml.sax.SAXException;

/**
 * The schema of RFC 7489 Appendix C (test resource {@code dmarc/rfc7489-appendix-c.xsd}, whose
 * comment tells the one change the RFC's text needs to compile), for the tests here and in
 * integration-tests.
 */
public final class AggregateReportSchema {

    public static final String RESOURCE = "dmarc/rfc7489-appendix-c.xsd";

    private AggregateReportSchema() {
    }

    /** Throws SAXException naming the first element that does not follow Appendix C. */
    public static void validate(String xml) throws SAXException, IOException {
        schema().newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    static Schema schema() throws SAXException {
        URL xsd = AggregateReportSchema.class.getClassLoader().getResource(RESOURCE);
        if (xsd == null) {
            throw new IllegalStateException(RESOURCE + " is not on the class path (postern-core's test jar)");
        }
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        return factory.newSchema(xsd);
    }
}
