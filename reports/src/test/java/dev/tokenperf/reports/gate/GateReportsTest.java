package dev.tokenperf.reports.gate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GateReportsTest {

    @Test
    void junitReportHasOneTestcasePerCheckAndOneFailurePerFailedCheck(@TempDir Path dir) throws Exception {
        Map<String, Double> values = Map.of("time_to_first_token.p99", 400.0, "request_latency.avg", 900.0);
        ResultValues result = (tag, stat) -> values.containsKey(tag + "." + stat)
                ? OptionalDouble.of(values.get(tag + "." + stat)) : OptionalDouble.empty();
        List<GateOutcome> outcomes = GateEvaluator.evaluate(List.of(GateCheck.parse("ttft.p99<500ms"),
                GateCheck.parse("latency.avg<0.5s"), GateCheck.parse("itl.p50<1")), result, null);
        Path file = dir.resolve("junit.xml");
        GateReports.writeJUnit(outcomes, "run<1>", Instant.parse("2026-01-01T00:00:00Z"), file);

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        Element root = doc.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals(1, root.getElementsByTagName("testsuite").getLength());
        Element suite = (Element) root.getElementsByTagName("testsuite").item(0);
        assertEquals("3", suite.getAttribute("tests"));
        assertEquals("2", suite.getAttribute("failures"));
        assertEquals("tokenperf gate run<1>", suite.getAttribute("name"));
        assertEquals(3, suite.getElementsByTagName("testcase").getLength());
        assertEquals(2, suite.getElementsByTagName("failure").getLength());
        Element first = (Element) suite.getElementsByTagName("testcase").item(0);
        assertEquals("ttft.p99<500ms", first.getAttribute("name"));
        assertEquals(0, first.getElementsByTagName("failure").getLength());
        Element second = (Element) suite.getElementsByTagName("testcase").item(1);
        assertEquals(1, second.getElementsByTagName("failure").getLength());
        assertTrue(((Element) second.getElementsByTagName("failure").item(0)).getAttribute("message")
                .contains("actual 900.00 ms"));
    }

    @Test
    void markdownSummaryListsEveryCheck() {
        ResultValues result = (tag, stat) -> OptionalDouble.of(1.0);
        List<GateOutcome> outcomes = GateEvaluator.evaluate(List.of(GateCheck.parse("ttft.p99<500ms"),
                GateCheck.parse("output_token_throughput>2")), result, null);
        String md = GateReports.markdown(outcomes, "r");
        assertTrue(md.contains("**FAILED**: 1 of 2 checks pass"), md);
        assertTrue(md.contains("| `ttft.p99<500ms` | 1.00 ms | < 500.00 ms |  | pass |"), md);
    }
}
