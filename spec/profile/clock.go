package profile

import (
	"fmt"
	"strconv"
	"strings"
)

// Timestamps in auth schemes are written in a Java-style layout, as
// vendor docs write them (yyyy-MM-dd HH:mm:ss), or as "unix" (seconds
// since 1970) or "unix-ms" (milliseconds), in a zone named like
// Asia/Shanghai or written as an offset (+08:00).

// Epoch layouts.
const (
	LayoutUnix   = "unix"
	LayoutUnixMS = "unix-ms"
)

// javaLayout maps the layout letters vendor docs use to Go's reference
// time, longest first.
var javaLayout = []struct{ java, goLayout string }{
	{"yyyy", "2006"}, {"MM", "01"}, {"dd", "02"}, {"HH", "15"}, {"mm", "04"}, {"ss", "05"}, {"SSS", "000"},
}

// GoLayout is a timestamp layout as Go's time package writes it; epoch
// layouts come back as they are.
func GoLayout(layout string) (string, error) {
	if layout == LayoutUnix || layout == LayoutUnixMS {
		return layout, nil
	}
	var b strings.Builder
	rest := layout
	for rest != "" {
		matched := false
		for _, m := range javaLayout {
			if strings.HasPrefix(rest, m.java) {
				b.WriteString(m.goLayout)
				rest = rest[len(m.java):]
				matched = true
				break
			}
		}
		if matched {
			continue
		}
		c := rest[0]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			return "", fmt.Errorf("timestamp layout %q: %q is not one of yyyy, MM, dd, HH, mm, ss, SSS", layout, rest[:1])
		}
		b.WriteByte(c)
		rest = rest[1:]
	}
	return b.String(), nil
}

// zones are the zone names apigen knows without a tz database: the
// vendors' zones have no daylight saving.
var zones = map[string]int{"Asia/Shanghai": 8 * 3600, "Asia/Hong_Kong": 8 * 3600, "Asia/Taipei": 8 * 3600, "Asia/Tokyo": 9 * 3600, "UTC": 0, "GMT": 0}

// ZoneOffset is a zone's offset east of UTC in seconds.
func ZoneOffset(zone string) (int, error) {
	if off, ok := zones[zone]; ok {
		return off, nil
	}
	s := strings.TrimPrefix(strings.TrimPrefix(zone, "UTC"), "GMT")
	if len(s) == 6 && (s[0] == '+' || s[0] == '-') && s[3] == ':' {
		h, err1 := strconv.Atoi(s[1:3])
		m, err2 := strconv.Atoi(s[4:])
		if err1 == nil && err2 == nil && h <= 14 && m < 60 {
			off := h*3600 + m*60
			if s[0] == '-' {
				off = -off
			}
			return off, nil
		}
	}
	return 0, fmt.Errorf("time zone %q is not Asia/Shanghai, UTC or an offset such as +08:00", zone)
}
