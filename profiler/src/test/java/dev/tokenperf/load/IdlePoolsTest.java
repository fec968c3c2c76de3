package dev.tokenperf.load;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Connection reuse applies per server: a request only ever gets an open idle connection to its own server. */
class IdlePoolsTest {

    @Test
    void eachServerReusesOnlyItsOwnConnections() {
        IdlePools pools = new IdlePools(2);
        EmbeddedChannel toFirst = new EmbeddedChannel();
        pools.offer(0, toFirst);

        assertNull(pools.poll(1), "the second server has no idle connection");
        assertSame(toFirst, pools.poll(0));
        assertNull(pools.poll(0), "taken once");
    }

    @Test
    void closedConnectionsAreNeitherKeptNorHandedOut() {
        IdlePools pools = new IdlePools(1);
        EmbeddedChannel closedBefore = new EmbeddedChannel();
        closedBefore.close();
        pools.offer(0, closedBefore);
        pools.offer(0, null);
        assertEquals(0, pools.size(0));

        EmbeddedChannel closedWhileIdle = new EmbeddedChannel();
        EmbeddedChannel open = new EmbeddedChannel();
        pools.offer(0, closedWhileIdle);
        pools.offer(0, open);
        closedWhileIdle.close();
        assertSame(open, pools.poll(0), "the closed one is dropped on the way");
    }

    @Test
    void closeAllClosesEveryServersIdleConnections() {
        IdlePools pools = new IdlePools(2);
        EmbeddedChannel first = new EmbeddedChannel();
        EmbeddedChannel second = new EmbeddedChannel();
        pools.offer(0, first);
        pools.offer(1, second);

        pools.closeAll();

        assertFalse(first.isOpen());
        assertFalse(second.isOpen());
        assertEquals(0, pools.size(0) + pools.size(1));
    }
}
