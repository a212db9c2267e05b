package io.basicflow.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which hosts a script may call. Refused by default: the engine's own machine (loopback, the
 * addresses of its network interfaces, {@code 0.0.0.0}), link-local addresses (which hold the cloud
 * metadata service at {@code 169.254.169.254}), the other metadata addresses ({@code
 * 100.100.100.200}, {@code fd00:ec2::254}, {@code metadata.google.internal}) and multicast. The
 * {@code allow} setting lets some of these through (tests allow {@code 127.0.0.1}); the {@code deny}
 * setting refuses more hosts or networks, and wins over {@code allow}. Entries are host names, addresses or networks
 * in CIDR form ({@code 10.0.0.0/8}), separated by commas.
 *
 * <p>The check resolves the host and refuses when any of its addresses is refused, and is made
 * again for each redirect.
 */
final class AddressPolicy {

    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata", "instance-data");
    private static final List<Rule> METADATA_ADDRESSES =
            List.of(Rule.parse("100.100.100.200"), Rule.parse("fd00:ec2::254"), Rule.parse("169.254.0.0/16"));

    private final List<Rule> allow;
    private final List<Rule> deny;

    private AddressPolicy(List<Rule> allow, List<Rule> deny) {
        this.allow = List.copyOf(allow);
        this.deny = List.copyOf(deny);
    }

    static AddressPolicy parse(String allow, String deny) {
        return new AddressPolicy(rules(allow, "allow"), rules(deny, "deny"));
    }

    /**
     * This policy with one more host let through (a host the configuration named); {@code deny}
     * still wins.
     *
     * @param host a host name or an address literal (IPv6 in brackets or not)
     */
    AddressPolicy allowing(String host) {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        List<Rule> more = new ArrayList<>(allow);
        more.add(Rule.parse(name));
        return new AddressPolicy(more, deny);
    }

    private static List<Rule> rules(String text, String setting) {
        List<Rule> rules = new ArrayList<>();
        for (String entry : text.split(",")) {
            if (!entry.isBlank()) {
                try {
                    rules.add(Rule.parse(entry.trim()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("basicflow.http." + setting + ": " + e.getMessage());
                }
            }
        }
        return rules;
    }

    /**
     * Checks a URL before it is called.
     *
     * @return null when the call may go ahead, else why it may not
     */
    String refusal(URI uri) {
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return "the URL " + Urls.safe(uri) + " has no host";
        }
        String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        String lower = name.toLowerCase(Locale.ROOT);
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            return null; // the call fails with "unknown host", retried like any connection failure
        }
        for (InetAddress address : addresses) {
            if (matches(deny, lower, address)) {
                return host + " (" + address.getHostAddress() + ") is refused by basicflow.http.deny";
            }
            if (matches(allow, lower, address)) {
                continue;
            }
            String reason = refusedByDefault(lower, address);
            if (reason != null) {
                return host + " (" + address.getHostAddress() + ") is " + reason
                        + "; list it in basicflow.http.allow to call it";
            }
        }
        return null;
    }

    private static boolean matches(List<Rule> rules, String host, InetAddress address) {
        for (Rule rule : rules) {
            if (rule.matches(host, address)) {
                return true;
            }
        }
        return false;
    }

    private static String refusedByDefault(String host, InetAddress address) {
        if (METADATA_HOSTS.contains(host) || matches(METADATA_ADDRESSES, host, address)) {
            return "a cloud metadata or link-local address";
        }
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || LocalAddresses.ALL.contains(address)) {
            return "an address of the engine's own machine";
        }
        if (address.isLinkLocalAddress() || address.isMulticastAddress()) {
            return "a link-local or multicast address";
        }
        return null;
    }

    /** The addresses of this machine's network interfaces, read once. */
    private static final class LocalAddresses {
        static final Set<InetAddress> ALL = read();

        private static Set<InetAddress> read() {
            Set<InetAddress> addresses = new HashSet<>();
            try {
                for (NetworkInterface networkInterface : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    addresses.addAll(Collections.list(networkInterface.getInetAddresses()));
                }
            } catch (SocketException | RuntimeException e) {
                // No interface list: loopback and any-local are still refused by their own checks.
            }
            return Set.copyOf(addresses);
        }
    }

    /** A host name, an address or a network. */
    private record Rule(String host, byte[] network, int prefixLength) {

        static Rule parse(String text) {
            String entry = text.toLowerCase(Locale.ROOT);
            int slash = entry.indexOf('/');
            String base = slash < 0 ? entry : entry.substring(0, slash);
            if (!base.matches("[0-9a-f:.]+") || (!base.contains(":") && !base.matches("[0-9.]+"))) {
                if (slash >= 0) {
                    throw new IllegalArgumentException("'" + text + "' is neither a host name nor a network");
                }
                return new Rule(entry, null, 0);
            }
            byte[] bytes;
            try {
                bytes = InetAddress.getByName(base).getAddress(); // a literal: no lookup
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + text + "' is not an address");
            }
            int prefix = bytes.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + text + "' has an invalid prefix length");
                }
                if (prefix < 0 || prefix > bytes.length * 8) {
                    throw new IllegalArgumentException("'" + text + "' has an invalid prefix length");
                }
            }
            return new Rule(null, bytes, prefix);
        }

        boolean matches(String hostName, InetAddress address) {
            if (host != null) {
                return host.equals(hostName);
            }
            byte[] bytes = address.getAddress();
            if (address instanceof Inet6Address && network.length == 4 && isMappedV4(bytes)) {
                bytes = java.util.Arrays.copyOfRange(bytes, 12, 16);
            } else if (address instanceof Inet4Address != (network.length == 4)) {
                return false;
            }
            int full = prefixLength / 8;
            for (int i = 0; i < full; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (bytes[full] & mask) == (network[full] & mask);
        }

        private static boolean isMappedV4(byte[] bytes) {
            if (bytes.length != 16) {
                return false;
            }
            for (int i = 0; i < 10; i++) {
                if (bytes[i] != 0) {
                    return false;
                }
            }
            return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
        }
    }
}
