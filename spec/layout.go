package spec

import (
	"fmt"
	"regexp"
	"strings"
)

// layoutText finds a date or time layout written in a description:
// yyyy-MM-dd, YYYY-MM-DD HH:mm:ss, yyyyMMdd, yyyy-mm-dd hh24:mi:ss (Oracle),
// HH:mm. Matching ignores case; canonicalLayout decides what each letter
// run means from its position.
var layoutText = regexp.MustCompile(`(?i)yyyy?(?:[-/.年]?mm(?:[-/.月]?dd日?)?)?(?:[ T]?hh(?:24)?[:时](?:mm|mi)(?:[:分]ss秒?(?:\.s{1,9})?)?)?|hh(?:24)?:(?:mm|mi)(?::ss)?`)

// dateLayout is a layout a description states, canonicalised to the Java
// style most vendors copy (yyyy-MM-dd HH:mm:ss).
type dateLayout struct {
	Doc       string // as written
	Canonical string
}

// findLayout returns the first layout a description states.
func findLayout(desc string) (dateLayout, bool) {
	m := layoutText.FindString(desc)
	if len(m) <= len("yyyy") {
		return dateLayout{}, false // a bare yyyy is a year, not a layout
	}
	return dateLayout{Doc: m, Canonical: canonicalLayout(m)}, true
}

// canonicalLayout rewrites a layout letter by letter. A run of m is the
// month before any hour and the minute after it; hh24 and mi are Oracle's
// hour and minute.
func canonicalLayout(doc string) string {
	var b strings.Builder
	lower := strings.ToLower(doc)
	seenHour := false
	for i := 0; i < len(lower); {
		switch {
		case strings.HasPrefix(lower[i:], "yyyy"):
			b.WriteString("yyyy")
			i += 4
		case strings.HasPrefix(lower[i:], "yyy"): // a typo for yyyy seen in real docs
			b.WriteString("yyyy")
			i += 3
		case strings.HasPrefix(lower[i:], "hh24"):
			b.WriteString("HH")
			seenHour = true
			i += 4
		case strings.HasPrefix(lower[i:], "hh"):
			b.WriteString("HH")
			seenHour = true
			i += 2
		case strings.HasPrefix(lower[i:], "mi"):
			b.WriteString("mm")
			i += 2
		case strings.HasPrefix(lower[i:], "mm"):
			if seenHour {
				b.WriteString("mm")
			} else {
				b.WriteString("MM")
			}
			i += 2
		case strings.HasPrefix(lower[i:], "dd"):
			b.WriteString("dd")
			i += 2
		case strings.HasPrefix(lower[i:], "ss"):
			b.WriteString("ss")
			i += 2
		case lower[i] == 's':
			b.WriteString("S")
			i++
		default:
			r := []rune(doc[i:])[0]
			b.WriteRune(r)
			i += len(string(r))
		}
	}
	return b.String()
}

// Format returns the OpenAPI format the layout is, if any.
func (l dateLayout) Format() string {
	switch l.Canonical {
	case "yyyy-MM-dd":
		return "date"
	case "yyyy-MM-dd'T'HH:mm:ssXXX":
		return "date-time"
	}
	return ""
}

// Pattern is a regular expression accepting exactly the layout's digits
// and separators.
func (l dateLayout) Pattern() string {
	var b strings.Builder
	b.WriteByte('^')
	digits := 0
	flush := func() {
		if digits > 0 {
			fmt.Fprintf(&b, "[0-9]{%d}", digits)
			digits = 0
		}
	}
	for _, r := range l.Canonical {
		if strings.ContainsRune("yMdHmsS", r) {
			digits++
			continue
		}
		flush()
		b.WriteString(regexp.QuoteMeta(string(r)))
	}
	flush()
	b.WriteByte('$')
	return b.String()
}

// Matches reports whether an example value follows the layout.
func (l dateLayout) Matches(s string) bool {
	return mustCompile(l.Pattern()).MatchString(s)
}
