package webhooks

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"syscall"

	"github.com/qualtrack/qualtrack/backend/internal/config"
)

// Policy says where webhooks may be delivered. By default any public
// host over http(s); never loopback, link-local, private, shared or
// otherwise special addresses, unless a host or network is named in
// AllowPrivate. Hosts, when not empty, is the only hosts allowed.
type Policy struct {
	// AllowPrivate names hosts ("erp.internal"), addresses or networks
	// ("10.1.0.0/16") that may be reached although they are not public.
	AllowPrivate []string
	// Hosts, when set, limits deliveries to these hosts; "*.example.com"
	// allows every host under example.com.
	Hosts []string
}

// ErrRefused is a destination the policy refuses.
var ErrRefused = errors.New("webhook destination refused")

// CheckURL checks a subscription's URL before it is saved: http or https,
// a host, no credentials, an allowed host, and not an address the policy
// refuses when the host is one. Names are resolved again at delivery.
func (p Policy) CheckURL(raw string) error {
	u, err := url.Parse(strings.TrimSpace(raw))
	switch {
	case err != nil || u.Host == "" || u.Opaque != "":
		return errors.New("Enter a full URL, such as https://erp.example.com/qualtrack-events.")
	case u.Scheme != "http" && u.Scheme != "https":
		return errors.New("Only http and https URLs can receive webhooks.")
	case u.User != nil:
		return errors.New("Leave credentials out of the URL; the signature authenticates each delivery.")
	case u.Fragment != "":
		return errors.New("Leave the #fragment out of the URL.")
	case len(raw) > 2000:
		return errors.New("Use a URL of at most 2000 characters.")
	}
	host := u.Hostname()
	if !p.hostListed(host) {
		return fmt.Errorf("Only these hosts may receive webhooks: %s.", strings.Join(p.Hosts, ", "))
	}
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		if !p.allowsName(host) {
			return errors.New("Webhooks cannot go to this machine (localhost) unless QUALTRACK_WEBHOOK_ALLOW_HOSTS names it.")
		}
	}
	if ip, err := netip.ParseAddr(host); err == nil && !p.allowsIP(ip) && !p.allowsName(host) {
		return errors.New("Webhooks cannot go to a loopback, link-local or private address unless QUALTRACK_WEBHOOK_ALLOW_HOSTS names it.")
	}
	return nil
}

func (p Policy) hostListed(host string) bool {
	if len(p.Hosts) == 0 {
		return true
	}
	host = strings.ToLower(host)
	for _, h := range p.Hosts {
		h = strings.ToLower(h)
		if h == host || (strings.HasPrefix(h, "*.") && strings.HasSuffix(host, h[1:])) {
			return true
		}
	}
	return false
}

// allowsName reports whether AllowPrivate names host itself.
func (p Policy) allowsName(host string) bool {
	for _, a := range p.AllowPrivate {
		if strings.EqualFold(a, host) {
			return true
		}
	}
	return false
}

// allowsIP reports whether ip may be reached: a public address, or one
// AllowPrivate names (alone or by network).
func (p Policy) allowsIP(ip netip.Addr) bool {
	ip = ip.Unmap()
	if public(ip) {
		return true
	}
	for _, a := range p.AllowPrivate {
		if pr, err := netip.ParsePrefix(a); err == nil && pr.Contains(ip) {
			return true
		}
		if x, err := netip.ParseAddr(a); err == nil && x.Unmap() == ip {
			return true
		}
	}
	return false
}

var specialNets = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"), // shared address space (carrier NAT)
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"), // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"), // NAT64 can reach IPv4 private space
}

// public reports whether ip is an ordinary public unicast address.
func public(ip netip.Addr) bool {
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsMulticast() || ip.IsUnspecified() || ip.IsInterfaceLocalMulticast() {
		return false
	}
	for _, n := range specialNets {
		if n.Contains(ip) {
			return false
		}
	}
	return true
}

// dialContext dials addr (host:port from the URL) and checks the address
// actually connected to, after name resolution, so a name that resolves
// to a private address (or is re-pointed at one) is refused.
func (p Policy) dialContext(d *net.Dialer) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, _, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		if !p.hostListed(host) {
			return nil, fmt.Errorf("%w: %s is not among QUALTRACK_WEBHOOK_HOSTS", ErrRefused, host)
		}
		named := p.allowsName(host)
		dd := *d
		dd.Control = func(_, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("%w: %s", ErrRefused, address)
			}
			if !named && !p.allowsIP(ap.Addr()) {
				return fmt.Errorf("%w: %s resolves to %s, a loopback, link-local or private address", ErrRefused, host, ap.Addr())
			}
			return nil
		}
		return dd.DialContext(ctx, network, addr)
	}
}

// PolicyOf is the policy the configuration sets.
func PolicyOf(c config.Webhooks) Policy {
	return Policy{AllowPrivate: c.AllowPrivate, Hosts: c.Hosts}
}
