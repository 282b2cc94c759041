package io.ssrguard.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IP address or CIDR range ({@code 10.0.0.0/8}, {@code 192.168.1.5},
 * {@code fd00::/8}). Only literal addresses are accepted, here and when
 * matching, so that nothing ever triggers a DNS lookup.
 */
public final class AddressRange {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final byte[] network;
    private final int prefixBits;
    private final String text;

    private AddressRange(byte[] network, int prefixBits, String text) {
        this.network = network;
        this.prefixBits = prefixBits;
        this.text = text;
    }

    /** Parses {@code address} or {@code address/prefix}; empty when it is not a literal address or range. */
    public static Optional<AddressRange> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim();
        int slash = v.indexOf('/');
        Optional<byte[]> address = literal(slash < 0 ? v : v.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int maxBits = address.get().length * 8;
        int bits = maxBits;
        if (slash >= 0) {
            String p = v.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            bits = Integer.parseInt(p);
            if (bits > maxBits) {
                return Optional.empty();
            }
        }
        return Optional.of(new AddressRange(mask(address.get(), bits), bits, v));
    }

    /** Whether a literal address (as {@code getRemoteAddr} reports it) lies in this range. */
    public boolean contains(String address) {
        Optional<byte[]> a = literal(address);
        return a.isPresent() && a.get().length == network.length && Arrays.equals(mask(a.get(), prefixBits), network);
    }

    /**
     * The bytes of a literal IPv4 or IPv6 address, never resolving a name.
     * IPv4-mapped IPv6 addresses come back as IPv4.
     */
    static Optional<byte[]> literal(String s) {
        if (s == null || s.isEmpty() || s.length() > 64) {
            return Optional.empty();
        }
        String v = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        if (IPV4.matcher(v).matches()) {
            return ipv4(v);
        }
        boolean ipv6 = v.indexOf(':') >= 0
                && v.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.' || c == '%');
        if (!ipv6 || v.indexOf('%') == 0) {
            return Optional.empty();
        }
        try {
            // In brackets InetAddress must parse an IPv6 literal and never falls back to a DNS lookup.
            return Optional.of(InetAddress.getByName("[" + v + "]").getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<byte[]> ipv4(String v) {
        String[] parts = v.split("\\.");
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            int n = Integer.parseInt(parts[i]);
            if (n > 255) {
                return Optional.empty();
            }
            out[i] = (byte) n;
        }
        return Optional.of(out);
    }

    private static byte[] mask(byte[] address, int bits) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            out[i] &= (byte) (0xff << (8 - keep));
        }
        return out;
    }

    @Override
    public String toString() {
        return text;
    }
}
