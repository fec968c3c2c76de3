package dev.tokenperf.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenperf.reports.plan.EndpointType;
import dev.tokenperf.workloads.prompt.ChatMessage;
import dev.tokenperf.workloads.prompt.RequestSpec;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each API's requests carry: the body's fields under the API's names, and the key in the API's header. */
class ApiRequestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RequestSpec SPEC = new RequestSpec(List.of(new ChatMessage("system", "be brief"),
            ChatMessage.user("hello")), 5, 7);

    private static JsonNode body(EndpointType type, boolean streaming, RequestSpec spec) throws IOException {
        return JSON.readTree(new RequestBodyFactory(type, "m", streaming, Map.of("temperature", 0)).body(spec));
    }

    @Test
    void responsesTakeInputInstructionsAndMaxOutputTokens() throws IOException {
        assertEquals(JSON.readTree("{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":\"hello\"}],"
                + "\"instructions\":\"be brief\",\"max_output_tokens\":7,\"stream\":true,\"temperature\":0}"),
                body(EndpointType.RESPONSES, true, SPEC));
    }

    @Test
    void messagesTakeSystemApartAndMaxTokens() throws IOException {
        assertEquals(JSON.readTree("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}],"
                + "\"system\":\"be brief\",\"max_tokens\":7,\"stream\":false,\"temperature\":0}"),
                body(EndpointType.MESSAGES, false, SPEC));
    }

    @Test
    void embeddingsSendOneTextOrTheBatchsTexts() throws IOException {
        RequestBodyFactory factory = new RequestBodyFactory(EndpointType.EMBEDDINGS, "e", false, Map.of());
        assertEquals(JSON.readTree("{\"model\":\"e\",\"input\":\"a\",\"encoding_format\":\"float\"}"),
                JSON.readTree(factory.body(List.of(RequestSpec.of("a", 1, -1)))));
        assertEquals(JSON.readTree("{\"model\":\"e\",\"input\":[\"a\",\"b c\"],\"encoding_format\":\"float\"}"),
                JSON.readTree(factory.body(List.of(RequestSpec.of("a", 1, -1), RequestSpec.of("b c", 2, -1)))));
    }

    @Test
    void messagesSendTheKeyAsXApiKeyWithTheVersionAndTheUsersHeadersWin() {
        RequestHeaders messages = RequestHeaders.of(EndpointType.MESSAGES, " sk-1 ", List.of("X-Trace: t"));
        assertEquals(List.of("x-api-key: <redacted>", "anthropic-version: <redacted>", "X-Trace: <redacted>"),
                messages.redacted());
        assertEquals(List.of("sk-1"), messages.secrets(), "the key is a secret; the version is not");
        RequestHeaders pinned = RequestHeaders.of(EndpointType.MESSAGES, null, List.of("anthropic-version: 2024-01-01"));
        DefaultHttpHeaders sent = new DefaultHttpHeaders();
        pinned.applyTo(sent);
        assertEquals(List.of("2024-01-01"), sent.getAll("anthropic-version"), "one version header, the user's");
        assertTrue(RequestHeaders.of(EndpointType.RESPONSES, "sk-2", List.of()).secrets().contains("sk-2"));
        assertEquals(List.of("Authorization: <redacted>"),
                RequestHeaders.of(EndpointType.EMBEDDINGS, "sk-3", List.of()).redacted());
    }
}
