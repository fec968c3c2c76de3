package dev.tokenperf.reports.gate;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Writes a gate's verdicts for CI systems: a JUnit XML report (one {@code testsuite}, one {@code testcase} per
 * check, a {@code failure} element for each failed one: the shape Jenkins, GitLab and GitHub reporters read)
 * and a Markdown summary.
 */
public final class GateReports {
    public static final String JUNIT_FILE_NAME = "gate-junit.xml";
    public static final String MARKDOWN_FILE_NAME = "gate-summary.md";

    private GateReports() {
    }

    public static void writeJUnit(List<GateOutcome> outcomes, String resultLabel, Instant timestamp, Path file)
            throws IOException {
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            long failures = outcomes.stream().filter(o -> !o.passed()).count();
            Element suites = doc.createElement("testsuites");
            suites.setAttribute("name", "tokenperf gate");
            suites.setAttribute("tests", String.valueOf(outcomes.size()));
            suites.setAttribute("failures", String.valueOf(failures));
            suites.setAttribute("errors", "0");
            doc.appendChild(suites);
            Element suite = doc.createElement("testsuite");
            suite.setAttribute("name", "tokenperf gate " + resultLabel);
            suite.setAttribute("tests", String.valueOf(outcomes.size()));
            suite.setAttribute("failures", String.valueOf(failures));
            suite.setAttribute("errors", "0");
            suite.setAttribute("skipped", "0");
            suite.setAttribute("time", "0");
            suite.setAttribute("timestamp", timestamp.toString());
            suites.appendChild(suite);
            for (GateOutcome o : outcomes) {
                Element testcase = doc.createElement("testcase");
                testcase.setAttribute("classname", "tokenperf.gate");
                testcase.setAttribute("name", o.check().text());
                testcase.setAttribute("time", "0");
                if (!o.passed()) {
                    Element failure = doc.createElement("failure");
                    failure.setAttribute("type", "GateFailed");
                    failure.setAttribute("message", o.describe());
                    failure.setTextContent(o.line());
                    testcase.appendChild(failure);
                } else {
                    Element out = doc.createElement("system-out");
                    out.setTextContent(o.line());
                    testcase.appendChild(out);
                }
                suite.appendChild(testcase);
            }
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            transformer.transform(new DOMSource(doc), new StreamResult(file.toFile()));
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static String markdown(List<GateOutcome> outcomes, String resultLabel) {
        long failures = outcomes.stream().filter(o -> !o.passed()).count();
        StringBuilder out = new StringBuilder("## tokenperf gate: ").append(resultLabel).append("\n\n");
        out.append(failures == 0 ? "**PASSED**" : "**FAILED**").append(": ")
                .append(outcomes.size() - failures).append(" of ").append(outcomes.size()).append(" checks pass\n\n");
        out.append("| Check | Actual | Limit | Baseline | Verdict |\n|---|--:|--:|--:|---|\n");
        for (GateOutcome o : outcomes) {
            String unit = " " + o.check().metric().unit().label();
            out.append("| `").append(o.check().text()).append("` | ")
                    .append(Double.isNaN(o.actual()) ? "absent" : GateOutcome.num(o.actual()) + unit).append(" | ")
                    .append(Double.isNaN(o.limit()) ? "" : o.check().op().symbol() + " "
                            + GateOutcome.num(o.limit()) + unit).append(" | ")
                    .append(Double.isNaN(o.baseline()) ? "" : GateOutcome.num(o.baseline()) + unit).append(" | ")
                    .append(o.passed() ? "pass" : "**FAIL**" + (o.reason().isEmpty() ? "" : " (" + o.reason() + ")"))
                    .append(" |\n");
        }
        return out.toString();
    }

    public static void writeMarkdown(List<GateOutcome> outcomes, String resultLabel, Path file) throws IOException {
        Files.writeString(file, markdown(outcomes, resultLabel), StandardCharsets.UTF_8);
    }
}
