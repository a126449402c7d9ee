package diff

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Class says whether a change can break existing clients.
type Class int

const (
	// Compatible changes keep clients and servers built from the old
	// document working.
	Compatible Class = iota
	// Breaking changes can make one of them fail.
	Breaking
)

func (c Class) String() string {
	switch c {
	case Compatible:
		return "compatible"
	case Breaking:
		return "breaking"
	}
	return fmt.Sprintf("Class(%d)", int(c))
}

// MarshalText spells the class as a word so JSON readers need no table.
func (c Class) MarshalText() ([]byte, error) {
	switch c {
	case Compatible, Breaking:
		return []byte(c.String()), nil
	}
	return nil, fmt.Errorf("diff: unknown class %d", int(c))
}

// UnmarshalText reads what MarshalText writes, so a saved JSON report can
// be loaded back.
func (c *Class) UnmarshalText(b []byte) error {
	switch string(b) {
	case "compatible":
		*c = Compatible
	case "breaking":
		*c = Breaking
	default:
		return fmt.Errorf("diff: unknown class %q", b)
	}
	return nil
}

// Change is one difference between the two documents. Method and Path are
// empty for a change to the document as a whole. Pointer is a JSON pointer
// into the new document, or into the old one when the thing it names no
// longer exists (a removed endpoint, field, parameter or enum value).
type Change struct {
	Class   Class  `json:"class"`
	Method  string `json:"method,omitempty"`
	Path    string `json:"path,omitempty"`
	Pointer string `json:"pointer"`
	Message string `json:"message"`
}

// Report holds the changes in a stable order: document-wide changes first,
// then by path and method, and within an operation in the order a request
// travels (parameters, body, responses).
type Report struct {
	Changes []Change
}

// Breaking reports whether any change is breaking.
func (r *Report) Breaking() bool {
	for _, c := range r.Changes {
		if c.Class == Breaking {
			return true
		}
	}
	return false
}

// WriteText writes one change a line: class, endpoint, message, separated
// by two spaces so the endpoint's own space does not blur the columns. A
// document-wide change has "-" for its endpoint.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	for _, c := range r.Changes {
		endpoint := "-"
		if c.Path != "" {
			endpoint = strings.TrimSpace(c.Method + " " + c.Path)
		}
		fmt.Fprintf(&b, "%s  %s  %s\n", c.Class, endpoint, c.Message)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON writes the report as one indented JSON object. Changes is
// always an array, never null, so readers can iterate without a check.
func (r *Report) WriteJSON(w io.Writer) error {
	out := struct {
		Breaking bool     `json:"breaking"`
		Changes  []Change `json:"changes"`
	}{r.Breaking(), r.Changes}
	if out.Changes == nil {
		out.Changes = []Change{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// sortChanges orders by path then method; the sort is stable so that the
// walk order survives inside one operation.
func sortChanges(cs []Change) {
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].Path != cs[j].Path {
			return cs[i].Path < cs[j].Path
		}
		return methodRank(cs[i].Method) < methodRank(cs[j].Method)
	})
}

var methodOrder = []string{"GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE", "QUERY", "CONNECT"}

// methodRank follows the order OpenAPI lists methods in a path item, so a
// report reads like the document; other methods follow alphabetically.
func methodRank(m string) string {
	for i, known := range methodOrder {
		if m == known {
			return fmt.Sprintf("%02d", i)
		}
	}
	return "99" + m
}
