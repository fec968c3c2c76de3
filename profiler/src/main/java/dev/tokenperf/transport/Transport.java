package dev.tokenperf.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The socket transport: native epoll on Linux, NIO elsewhere. Epoll matters for timing, not only speed:
 * its event loop sleeps on a timerfd with nanosecond resolution, where NIO's selector rounds every timed
 * wait up to a whole millisecond, which would make the emulator's chunks late and coalesced.
 */
public final class Transport {

    private Transport() {
    }

    /** True when the native epoll transport is in use. */
    public static boolean isNative() {
        return Epoll.isAvailable();
    }

    public static EventLoopGroup group(int threads, String name) {
        DefaultThreadFactory factory = new DefaultThreadFactory(name, true);
        return isNative() ? new EpollEventLoopGroup(threads, factory) : new NioEventLoopGroup(threads, factory);
    }

    public static Class<? extends SocketChannel> socketChannel() {
        return isNative() ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public static Class<? extends ServerSocketChannel> serverChannel() {
        return isNative() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** "epoll" or "nio", for results and logs. */
    public static String name() {
        return isNative() ? "epoll" : "nio";
    }
}
