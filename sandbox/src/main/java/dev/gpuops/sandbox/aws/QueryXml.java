package dev.gpuops.sandbox.aws;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A tiny XML writer for AWS Query protocol responses. */
final class QueryXml {

    static final String NAMESPACE = "http://autoscaling.amazonaws.com/doc/2011-01-01/";

    private final StringBuilder out = new StringBuilder();

    static String response(String operation, String requestId, QueryXml result) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append('<').append(operation).append("Response xmlns=\"").append(NAMESPACE).append("\">\n");
        if (result != null) {
            xml.append("  <").append(operation).append("Result>\n").append(result.out)
                    .append("  </").append(operation).append("Result>\n");
        }
        xml.append("  <ResponseMetadata>\n    <RequestId>").append(requestId).append("</RequestId>\n")
                .append("  </ResponseMetadata>\n</").append(operation).append("Response>\n");
        return xml.toString();
    }

    static String error(AwsError error, String requestId) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse xmlns=\"" + NAMESPACE + "\">\n"
                + "  <Error>\n    <Type>" + (error.senderFault() ? "Sender" : "Receiver") + "</Type>\n"
                + "    <Code>" + escape(error.code()) + "</Code>\n"
                + "    <Message>" + escape(error.getMessage()) + "</Message>\n  </Error>\n"
                + "  <RequestId>" + requestId + "</RequestId>\n</ErrorResponse>\n";
    }

    QueryXml open(String element) {
        out.append('<').append(element).append('>');
        return this;
    }

    QueryXml close(String element) {
        out.append("</").append(element).append(">\n");
        return this;
    }

    QueryXml field(String element, Object value) {
        if (value != null) {
            out.append('<').append(element).append('>').append(escape(text(value)))
                    .append("</").append(element).append(">\n");
        }
        return this;
    }

    QueryXml members(String element, Iterable<String> values) {
        open(element);
        for (String value : values) {
            field("member", value);
        }
        return close(element);
    }

    private static String text(Object value) {
        if (value instanceof Instant instant) {
            return instant.truncatedTo(ChronoUnit.MILLIS).toString();
        }
        return String.valueOf(value);
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
