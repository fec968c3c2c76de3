package dev.tokenperf.load;

import io.netty.channel.Channel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The idle connections a driver's phases share, one pool per server (by its position in the run's
 * {@code --url}s): a request takes one of its own server's and gives it back when it may be reused, so connection
 * reuse applies per server. Safe from any thread; never blocks.
 */
final class IdlePools {
    private final List<ConcurrentLinkedDeque<Channel>> pools;

    IdlePools(int servers) {
        List<ConcurrentLinkedDeque<Channel>> list = new ArrayList<>(servers);
        for (int i = 0; i < servers; i++) {
            list.add(new ConcurrentLinkedDeque<>());
        }
        this.pools = List.copyOf(list);
    }

    /** How many servers the pools are for. */
    int servers() {
        return pools.size();
    }

    /** An open idle connection to server {@code server}, or null; closed ones found on the way are dropped. */
    Channel poll(int server) {
        ConcurrentLinkedDeque<Channel> pool = pools.get(server);
        Channel ch;
        while ((ch = pool.poll()) != null) {
            if (ch.isActive()) {
                return ch;
            }
        }
        return null;
    }

    /** Gives back a connection to server {@code server} if it is still open (null: nothing to give back). */
    void offer(int server, Channel ch) {
        if (ch != null && ch.isActive()) {
            pools.get(server).offer(ch);
        }
    }

    /** Idle connections to server {@code server} now. */
    int size(int server) {
        return pools.get(server).size();
    }

    /** Closes every idle connection (the driver's end). */
    void closeAll() {
        for (ConcurrentLinkedDeque<Channel> pool : pools) {
            Channel ch;
            while ((ch = pool.poll()) != null) {
                ch.close();
            }
        }
    }
}
