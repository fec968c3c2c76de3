package dev.tokenperf.health;

import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventLoopLagProbeTest {

    @Test
    void anIdleLoopIsProbedLessAndLessOftenUpToTheIdlePeriod() {
        long period = EventLoopLagProbe.BUSY_PERIOD_MICROS;
        long[] seen = new long[8];
        for (int i = 0; i < seen.length; i++) {
            period = EventLoopLagProbe.nextPeriodMicros(period, false);
            seen[i] = period;
        }
        assertEquals(20_000, seen[0]);
        assertEquals(40_000, seen[1]);
        assertEquals(640_000, seen[5]);
        assertEquals(EventLoopLagProbe.IDLE_PERIOD_MICROS, seen[6]);
        assertEquals(EventLoopLagProbe.IDLE_PERIOD_MICROS, seen[7]);
    }

    @Test
    void activityBringsTheBusyPeriodBackAtOnce() {
        assertEquals(EventLoopLagProbe.BUSY_PERIOD_MICROS,
                EventLoopLagProbe.nextPeriodMicros(EventLoopLagProbe.IDLE_PERIOD_MICROS, true));
        assertEquals(EventLoopLagProbe.BUSY_PERIOD_MICROS,
                EventLoopLagProbe.nextPeriodMicros(EventLoopLagProbe.BUSY_PERIOD_MICROS, true));
    }

    @Test
    void onlyALoopThatCarriesAConnectionCountsAsActive() throws Exception {
        NioEventLoopGroup group = new NioEventLoopGroup(2);
        try {
            EventLoop first = group.next();
            EventLoop second = group.next();
            assertFalse(EventLoopLagProbe.carriesConnections(first));
            NioSocketChannel channel = new NioSocketChannel();
            first.register(channel).sync();
            assertTrue(EventLoopLagProbe.carriesConnections(first));
            assertFalse(EventLoopLagProbe.carriesConnections(second));
            channel.close().sync(); // (NIO counts a closed channel until its next select: not asserted here)
        } finally {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
        }
    }
}
