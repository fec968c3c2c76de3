package dev.tokenperf.client;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestHeadersTest {

    @Test
    void authorizationGivenTwiceIsSentAndListedOnceWithTheHeaderValue() {
        RequestHeaders headers = RequestHeaders.of("sk-key", List.of("authorization: Bearer other"));
        assertEquals(List.of("authorization: <redacted>"), headers.redacted());
        HttpHeaders sent = new DefaultHttpHeaders();
        headers.applyTo(sent);
        assertEquals(List.of("Bearer other"), sent.getAll("Authorization"));
    }

    @Test
    void framingAndHopByHopHeadersAreRefused() {
        for (String name : List.of("Content-Length", "HOST", "transfer-encoding", "Connection", "Keep-Alive", "TE",
                "Upgrade", "Expect", "Trailer", "Proxy-Connection")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RequestHeaders.of(null, List.of(name + ": x")));
            assertTrue(e.getMessage().startsWith(name + " frames the request"), e.getMessage());
        }
    }

    @Test
    void secretsAreTheKeyAndCredentialLookingHeaders() {
        RequestHeaders headers = RequestHeaders.of("sk-key", List.of("X-Api-Key: k1", "X-Auth-Token: t1",
                "Cookie: c=1", "X-Trace: visible"));
        assertEquals(List.of("Bearer sk-key", "sk-key", "k1", "t1", "c=1"), headers.secrets());
    }
}
