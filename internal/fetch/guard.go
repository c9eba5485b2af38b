package fetch

import (
	"fmt"
	"net"
	"net/netip"
	"syscall"
)

// blocked are the address ranges a fetch never connects to: a post's
// image URL, or a redirect, must not make `edition fetch` reach into the
// network it runs in (cloud metadata at 169.254.169.254, a router, a
// service on localhost). Ranges from the IANA special-purpose registries
// (RFC 6890 and its updates).
var blocked = func() []netip.Prefix {
	var ps []netip.Prefix
	for _, s := range []string{
		"0.0.0.0/8",       // "this network"
		"10.0.0.0/8",      // private
		"100.64.0.0/10",   // carrier-grade NAT
		"127.0.0.0/8",     // loopback
		"169.254.0.0/16",  // link-local
		"172.16.0.0/12",   // private
		"192.0.0.0/24",    // IETF protocol assignments
		"192.0.2.0/24",    // documentation
		"192.168.0.0/16",  // private
		"198.18.0.0/15",   // benchmarking
		"198.51.100.0/24", // documentation
		"203.0.113.0/24",  // documentation
		"224.0.0.0/4",     // multicast
		"240.0.0.0/4",     // reserved, broadcast
		"::/128",          // unspecified
		"::1/128",         // loopback
		"64:ff9b:1::/48",  // local-use NAT64
		"100::/64",        // discard
		"2001:db8::/32",   // documentation
		"fc00::/7",        // unique local
		"fe80::/10",       // link-local
		"ff00::/8",        // multicast
	} {
		ps = append(ps, netip.MustParsePrefix(s))
	}
	return ps
}()

// allowed reports whether a connection to ip may be made; loopback only
// when the fetcher's tests allow it.
func allowed(ip netip.Addr, loopback bool) bool {
	ip = ip.Unmap()
	if loopback && ip.IsLoopback() {
		return true
	}
	if !ip.IsValid() {
		return false
	}
	for _, p := range blocked {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// control is the dialer's check of every address it connects to, after
// DNS resolution: a name that resolves to a public address for one
// lookup and a private one for the next (DNS rebinding) is checked at
// the address actually dialled, on the first request and on every
// redirect.
func control(loopback bool) func(network, address string, _ syscall.RawConn) error {
	return func(network, address string, _ syscall.RawConn) error {
		host, _, err := net.SplitHostPort(address)
		if err != nil {
			return err
		}
		ip, err := netip.ParseAddr(host)
		if err != nil {
			return fmt.Errorf("address %s: %v", address, err)
		}
		if !allowed(ip, loopback) {
			return fmt.Errorf("%w: %s", ErrPrivate, ip)
		}
		return nil
	}
}
