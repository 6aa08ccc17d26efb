package io.mailroom.bench;

/**
 * Spreads the driver's connections over loopback source addresses 127.0.1.1, 127.0.1.2, ... with at
 * most {@link #PER_ADDRESS} on each, so both servers keep their production per-address limits
 * (Mailroom allows 50 IMAP connections per client IP). All of 127/8 is loopback on Linux.
 */
public final class SourceAddresses {

  public static final int PER_ADDRESS = 40;

  private SourceAddresses() {}

  /** The source address of connection slot n (0-based): slots 0-39 share 127.0.1.1, and so on. */
  public static String forSlot(int slot) {
    if (slot < 0) {
      throw new IllegalArgumentException("slot " + slot);
    }
    int address = slot / PER_ADDRESS;
    return "127.0." + (1 + (address / 254) % 254) + "." + (1 + address % 254);
  }
}
