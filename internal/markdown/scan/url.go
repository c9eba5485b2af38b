package scan

import (
	"net/url"
	"strings"

	"golang.org/x/net/idna"
)

// SafeURL accepts http, https and mailto URLs and returns them in the one
// form both outputs use (see encodeURL); anything else (javascript:,
// data:, relative) is refused.
func SafeURL(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "//") {
		s = "https:" + s
	}
	u, err := url.Parse(encodeURL(s))
	if err != nil {
		return "", false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return "", false
		}
		if h, err := idna.Lookup.ToASCII(u.Hostname()); err == nil && h != u.Hostname() {
			port := u.Port()
			u.Host = h
			if port != "" {
				u.Host += ":" + port
			}
		}
	case "mailto":
		if u.Opaque == "" {
			return "", false
		}
	default:
		return "", false
	}
	return encodeURL(u.String()), true
}

// encodeURL percent-encodes what a URL may not hold as it is (RFC 3986):
// spaces, brackets outside the host, quotes, braces, backslashes,
// non-ASCII characters, a "%" that starts no escape, a second "#". XHTML
// checkers (epubcheck's RSC-020) and PDF readers both want this form, so
// links are encoded once, here, and both outputs print the same URL.
func encodeURL(s string) string {
	hostEnd := hostEnd(s)
	fragment := false
	var b []byte // nil while s needs no change: most URLs need none
	for i := 0; i < len(s); i++ {
		c := s[i]
		keep := false
		switch {
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			keep = true
		case c == '#' && !fragment:
			fragment = true
			keep = true
		case (c == '[' || c == ']') && i < hostEnd:
			keep = true // an IPv6 literal
		case uriChar(c):
			keep = true
		}
		switch {
		case keep && b == nil:
		case keep:
			b = append(b, c)
		default:
			if b == nil {
				b = append(make([]byte, 0, len(s)+16), s[:i]...)
			}
			b = append(b, '%', upperHex[c>>4], upperHex[c&15])
		}
	}
	if b == nil {
		return s
	}
	return string(b)
}

const upperHex = "0123456789ABCDEF"

// hostEnd is the offset where the authority of s ends (0 without one).
func hostEnd(s string) int {
	i := strings.Index(s, "://")
	if i < 0 {
		return 0
	}
	rest := s[i+3:]
	if j := strings.IndexAny(rest, "/?#"); j >= 0 {
		return i + 3 + j
	}
	return len(s)
}

// uriChar: unreserved and reserved characters, except the brackets.
func uriChar(c byte) bool { return uriChars[c] }

var uriChars = func() (t [256]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for _, c := range []byte("-._~:/?@!$&'()*+,;=") {
		t[c] = true
	}
	return t
}()

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// SiteLink makes a site-absolute path ("/en/lessons/x", not "//host/x")
// absolute against site, the URL the site is served at; a path that
// already starts with site's own path ("/blog/x" on a site served at
// https://example.org/blog) is not prefixed twice. Anything else is
// returned as it is.
func SiteLink(site, dest string) string {
	dest = strings.TrimSpace(dest)
	if site == "" || !strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, "//") {
		return dest
	}
	base, err := url.Parse(site)
	if err != nil || base.Host == "" {
		return dest
	}
	prefix := strings.TrimRight(base.Path, "/")
	if prefix != "" && (dest == prefix || strings.HasPrefix(dest, prefix+"/")) {
		dest = dest[len(prefix):]
	}
	return strings.TrimRight(site, "/") + dest
}
