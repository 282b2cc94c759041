package io.ssrguard.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AddressRangeTest {

    static AddressRange range(String s) {
        return AddressRange.parse(s).orElseThrow(() -> new AssertionError(s));
    }

    @Test
    void ipv4RangesAndSingleAddresses() {
        AddressRange ten = range("10.0.0.0/8");
        assertTrue(ten.contains("10.1.2.3"));
        assertFalse(ten.contains("11.0.0.1"));
        assertTrue(range("192.168.1.5").contains("192.168.1.5"));
        assertFalse(range("192.168.1.5").contains("192.168.1.6"));
        assertTrue(range("172.16.0.0/12").contains("172.31.255.255"));
        assertFalse(range("172.16.0.0/12").contains("172.32.0.0"));
        assertTrue(range("0.0.0.0/0").contains("8.8.8.8"));
    }

    @Test
    void ipv6RangesAndMappedAddresses() {
        assertTrue(range("fd00::/8").contains("fd12:3456::1"));
        assertFalse(range("fd00::/8").contains("fe80::1"));
        assertTrue(range("::1").contains("0:0:0:0:0:0:0:1"));
        assertTrue(range("10.0.0.0/8").contains("::ffff:10.0.0.1"));
        assertFalse(range("::1").contains("127.0.0.1"));
    }

    @Test
    void onlyLiteralAddressesAreAcceptedSoNothingResolvesNames() {
        for (String bad : List.of("localhost", "proxy.internal", "999.1.1.1", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/x",
                "1:2:3", "fd00::/129", "", "10.0.0", "%eth0")) {
            assertTrue(AddressRange.parse(bad).isEmpty(), bad);
        }
        assertFalse(range("10.0.0.0/8").contains("localhost"));
        assertFalse(range("10.0.0.0/8").contains(null));
    }
}
