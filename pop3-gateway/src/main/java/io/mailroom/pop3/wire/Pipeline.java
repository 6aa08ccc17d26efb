package io.mailroom.pop3.wire;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * RFC 2449 PIPELINING: a client may send many commands at once; they are answered strictly in
 * order, one at a time. Frames wait here while a command is in flight. When more than {@code
 * highWater} frames wait, {@link #overloaded()} tells the connection to stop reading the socket, so
 * a client cannot make the server buffer without bound.
 */
public final class Pipeline {
  private final Deque<Frame> waiting = new ArrayDeque<>();
  private final Consumer<Frame> process;
  private final int highWater;
  private boolean busy;
  private boolean stopped;
  private boolean driving;

  /** {@code process} handles one frame and must call {@link #next()} exactly once when done. */
  public Pipeline(Consumer<Frame> process, int highWater) {
    this.process = process;
    this.highWater = highWater;
  }

  public void offer(Iterable<Frame> frames) {
    for (Frame frame : frames) {
      waiting.add(frame);
    }
    drive();
  }

  /** The frame in flight is done; go on with the next. */
  public void next() {
    busy = false;
    drive();
  }

  /** Nothing more is processed (session ending); frames still waiting are dropped. */
  public void stop() {
    stopped = true;
    waiting.clear();
  }

  /** Discards frames received but not yet processed (after STLS: no plaintext injection). */
  public void discardWaiting() {
    waiting.clear();
  }

  public boolean busy() {
    return busy;
  }

  public boolean overloaded() {
    return waiting.size() > highWater;
  }

  private void drive() {
    // A loop rather than recursion: a run of synchronously answered commands must not grow
    // the stack, so a next() from inside process() only clears busy and the loop goes on.
    if (driving) {
      return;
    }
    driving = true;
    try {
      while (!busy && !stopped && !waiting.isEmpty()) {
        busy = true;
        process.accept(waiting.poll());
      }
    } finally {
      driving = false;
    }
  }
}
