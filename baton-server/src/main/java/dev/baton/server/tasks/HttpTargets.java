package dev.baton.server.tasks;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which addresses an {@code http} task may reach: everything public, and of the loopback, private,
 * link-local, unspecified, multicast, reserved and cloud-metadata addresses only what the
 * allow-list names.
 */
final class HttpTargets {
  private static final List<Block> DENIED =
      blocks(
          "0.0.0.0/8 unspecified",
          "10.0.0.0/8 private",
          "100.64.0.0/10 shared (CGNAT)",
          "127.0.0.0/8 loopback",
          "169.254.0.0/16 link-local (cloud metadata)",
          "172.16.0.0/12 private",
          "192.0.0.0/24 IETF protocol",
          "192.168.0.0/16 private",
          "198.18.0.0/15 benchmarking",
          "224.0.0.0/4 multicast",
          "240.0.0.0/4 reserved",
          "::/128 unspecified",
          "::1/128 loopback",
          "::/96 IPv4-compatible",
          "::ffff:0:0/96 IPv4-mapped",
          "64:ff9b::/96 NAT64",
          "64:ff9b:1::/48 NAT64",
          "100::/64 discard",
          "2002::/16 6to4",
          "fc00::/7 unique local (cloud metadata)",
          "fe80::/10 link-local",
          "fec0::/10 site-local",
          "ff00::/8 multicast");
  private static final Set<String> METADATA_NAMES =
      Set.of(
          "metadata.google.internal",
          "metadata",
          "metadata.goog",
          "instance-data",
          "instance-data.ec2.internal");

  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])";
  private static final String V4 = OCTET + "(\\." + OCTET + "){3}";

  private final List<Block> allowedBlocks;
  private final List<String> allowedNames;

  private HttpTargets(List<Block> allowedBlocks, List<String> allowedNames) {
    this.allowedBlocks = allowedBlocks;
    this.allowedNames = allowedNames;
  }

  /**
   * Reads an allow-list.
   *
   * @throws IllegalArgumentException naming an entry that is neither a host name nor an address or
   *     CIDR block
   */
  static HttpTargets parse(List<String> allow) {
    List<Block> blocks = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String raw : allow) {
      String entry = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
      if (entry.matches(V4 + "(/\\d+)?|[0-9a-f:.]*:[0-9a-f:.]*(/\\d+)?")) {
        blocks.add(Block.of(entry, "allowed"));
      } else if (!entry.matches("[0-9.]*")
          && entry.matches(
              "(\\*\\.)?[a-z0-9]([a-z0-9\\-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9\\-]*[a-z0-9])?)*\\.?")) {
        names.add(strip(entry));
      } else {
        throw new IllegalArgumentException(
            "tasks.http.allow: '"
                + raw
                + "' is not a host name, an IP address or a CIDR block such as 10.0.0.0/8");
      }
    }
    return new HttpTargets(List.copyOf(blocks), List.copyOf(names));
  }

  /**
   * Resolves a host and checks every address it has.
   *
   * @param host the URL's host, an IPv6 literal with or without brackets
   * @return null when the host may be called, or why not
   * @throws UnknownHostException if the name does not resolve (a network error: the task retries)
   */
  String refusal(String host) throws UnknownHostException {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    String name = strip(bare.toLowerCase(Locale.ROOT));
    if (nameAllowed(name)) {
      return null;
    }
    if (METADATA_NAMES.contains(name)) {
      return host + " is a cloud metadata service";
    }
    for (InetAddress address : InetAddress.getAllByName(bare)) {
      String why = refusal(address);
      if (why != null) {
        return host
            + (name.equals(address.getHostAddress())
                ? ""
                : " resolves to " + address.getHostAddress())
            + ", "
            + why;
      }
    }
    return null;
  }

  /** Null when the address may be called, or which denied range holds it. */
  String refusal(InetAddress address) {
    for (Block allowed : allowedBlocks) {
      if (allowed.contains(address)) {
        return null;
      }
    }
    for (Block denied : DENIED) {
      if (denied.contains(address)) {
        return "a " + denied.label + " address (" + denied.text + ")";
      }
    }
    return null;
  }

  private boolean nameAllowed(String name) {
    for (String allowed : allowedNames) {
      if (allowed.startsWith("*.") ? name.endsWith(allowed.substring(1)) : name.equals(allowed)) {
        return true;
      }
    }
    return false;
  }

  private static String strip(String name) {
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  private static List<Block> blocks(String... specs) {
    List<Block> blocks = new ArrayList<>();
    for (String spec : specs) {
      int space = spec.indexOf(' ');
      blocks.add(Block.of(spec.substring(0, space), spec.substring(space + 1)));
    }
    return List.copyOf(blocks);
  }

  /** A CIDR block: an address and how many leading bits must match. */
  private record Block(byte[] network, int bits, String text, String label) {
    static Block of(String cidr, String label) {
      int slash = cidr.indexOf('/');
      String literal = slash < 0 ? cidr : cidr.substring(0, slash);
      byte[] network;
      try {
        // Only literals reach here (dotted quads, or text with a colon, which is never looked up).
        network = InetAddress.getByName(literal).getAddress();
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException(
            "tasks.http.allow: '" + cidr + "' is not an IP address", e);
      }
      if (literal.contains(":") && network.length == 4) {
        network = mapped(network); // Java reads ::ffff:a.b.c.d as IPv4; keep the 128-bit form.
      }
      int bits;
      try {
        bits = slash < 0 ? network.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
      } catch (NumberFormatException e) {
        bits = -1;
      }
      if (bits < 0 || bits > network.length * 8) {
        throw new IllegalArgumentException(
            "tasks.http.allow: '" + cidr + "' has a bad prefix length");
      }
      return new Block(network, bits, cidr, label);
    }

    boolean contains(InetAddress address) {
      byte[] bytes = address.getAddress();
      if (bytes.length != network.length) {
        return false;
      }
      BigInteger mask =
          BigInteger.ONE
              .shiftLeft(network.length * 8)
              .subtract(BigInteger.ONE)
              .shiftRight(bits)
              .not();
      return new BigInteger(1, bytes).and(mask).equals(new BigInteger(1, network).and(mask));
    }

    private static byte[] mapped(byte[] v4) {
      byte[] v6 = new byte[16];
      v6[10] = (byte) 0xff;
      v6[11] = (byte) 0xff;
      System.arraycopy(v4, 0, v6, 12, 4);
      return v6;
    }
  }
}
