package oas

import (
	"bytes"
	"encoding/json"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/getkin/kin-openapi/openapi3"
)

// kinParts is where kinJSON wrote what most of a spec is, its paths and
// its component schemas, so that they can be decoded apart and side by
// side (decodeInParts).
type kinParts struct {
	// paths, components and schemas are the values' bytes; empty when
	// there is none, or it is not a mapping.
	paths, components, schemas span
	// pathMembers and schemaMembers are each member's bytes, "key":value.
	pathMembers, schemaMembers []span
	// caseAlike is set by a key that only its case tells from paths,
	// components or schemas: encoding/json would match it to the same
	// field, so the member cannot be decoded apart.
	caseAlike bool
}

// A level says which of the mappings kinParts records a mapping is.
type level uint8

const (
	elsewhere level = iota
	atRoot
	atPaths
	atComponents
	atSchemas
)

// span is the bytes [start, end) of the JSON.
type span struct{ start, end int }

func (s span) empty() bool { return s.end == 0 }

// level is the level of the mapping that is the value of the member key
// of a mapping at level at; mapping says whether the value is one.
func (p *kinParts) level(at level, key string, mapping bool) level {
	var want string
	var inner level
	switch at {
	case atRoot:
		switch {
		case strings.EqualFold(key, "paths"):
			want, inner = "paths", atPaths
		case strings.EqualFold(key, "components"):
			want, inner = "components", atComponents
		}
	case atComponents:
		if strings.EqualFold(key, "schemas") {
			want, inner = "schemas", atSchemas
		}
	}
	switch {
	case inner == elsewhere:
		return elsewhere
	case key != want:
		p.caseAlike = true
		return elsewhere
	case !mapping:
		return elsewhere
	}
	return inner
}

// record notes a member written in a mapping at level at, whose value is
// a mapping at level inner.
func (p *kinParts) record(at, inner level, member, value span) {
	switch at {
	case atPaths:
		p.pathMembers = append(p.pathMembers, member)
	case atSchemas:
		p.schemaMembers = append(p.schemaMembers, member)
	}
	switch inner {
	case atPaths:
		p.paths = value
	case atComponents:
		p.components = value
	case atSchemas:
		p.schemas = value
	}
}

// jsonParts finds, in a spec written as JSON, the parts kinJSON records
// as it writes one: a spec given as JSON is decoded in parts too. ok is
// false for text that is not JSON (kin-openapi reads it as YAML), and
// for a key at the top or in components written twice: whichever comes
// last is the one kin-openapi keeps.
func jsonParts(data []byte) (p kinParts, ok bool) {
	if !json.Valid(data) {
		return kinParts{}, false
	}
	w := jsonPartsWalker{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	if !w.object(atRoot, &p) {
		return kinParts{}, false
	}
	return p, true
}

type jsonPartsWalker struct {
	data []byte
	dec  *json.Decoder
}

// object walks the object the decoder is at, a mapping at level at.
func (w *jsonPartsWalker) object(at level, p *kinParts) bool {
	if tok, err := w.dec.Token(); err != nil || tok != json.Delim('{') {
		return false
	}
	keys := map[string]bool{}
	for w.dec.More() {
		start := w.skip(w.dec.InputOffset(), ", \t\r\n")
		tok, err := w.dec.Token()
		key, isKey := tok.(string)
		if err != nil || !isKey {
			return false
		}
		if at == atRoot || at == atComponents {
			if keys[key] {
				return false
			}
			keys[key] = true
		}
		valueStart := w.skip(w.dec.InputOffset(), ": \t\r\n")
		inner := p.level(at, key, w.data[valueStart] == '{')
		if inner != elsewhere {
			if !w.object(inner, p) {
				return false
			}
		} else {
			var skipped json.RawMessage
			if w.dec.Decode(&skipped) != nil {
				return false
			}
		}
		end := int(w.dec.InputOffset())
		p.record(at, inner, span{start, end}, span{valueStart, end})
	}
	_, err := w.dec.Token()
	return err == nil
}

// skip is the offset of the first byte from off on that is none of set.
func (w *jsonPartsWalker) skip(off int64, set string) int {
	i := int(off)
	for i < len(w.data) && strings.IndexByte(set, w.data[i]) >= 0 {
		i++
	}
	return i
}

// partBytes is about how much JSON one chunk of paths or schemas holds.
var partBytes = 256 << 10

// decodeInParts decodes a spec's JSON as kin-openapi's LoadFromData does
// before it resolves references, faster: the paths and the component
// schemas are cut into chunks of members, decoded on every CPU, and
// joined; the document and its components are decoded without them.
// kin-openapi decodes each object it holds several times over (each
// level of the document again into a generic map for its extensions,
// each path item from a generic map), so apart it also does less. ok is
// false when the JSON has neither to cut, or a part does not decode: the
// whole is then decoded as before, for kin-openapi's own error.
func decodeInParts(j []byte, p kinParts) (t *openapi3.T, ok bool) {
	if p.caseAlike || p.paths.empty() && p.schemas.empty() {
		return nil, false
	}
	var (
		doc        openapi3.T
		components openapi3.Components
		paths      []*openapi3.Paths
		schemas    []openapi3.Schemas
		jobs       []func() error
	)
	jobs = append(jobs, func() error {
		return json.Unmarshal(cutOut(j, span{}, p.paths, p.components), &doc)
	})
	if !p.components.empty() {
		jobs = append(jobs, func() error {
			return json.Unmarshal(cutOut(j, p.components, p.schemas), &components)
		})
	}
	if !p.paths.empty() {
		chunks := chunked(j, p.pathMembers)
		paths = make([]*openapi3.Paths, len(chunks))
		for i, chunk := range chunks {
			jobs = append(jobs, func() error {
				paths[i] = &openapi3.Paths{}
				return json.Unmarshal(chunk, paths[i])
			})
		}
	}
	if !p.schemas.empty() {
		chunks := chunked(j, p.schemaMembers)
		schemas = make([]openapi3.Schemas, len(chunks))
		for i, chunk := range chunks {
			jobs = append(jobs, func() error { return json.Unmarshal(chunk, &schemas[i]) })
		}
	}
	if !runAll(jobs) {
		return nil, false
	}
	if paths != nil {
		whole := paths[0]
		for _, more := range paths[1:] {
			for key, item := range more.Map() {
				whole.Set(key, item)
			}
			for key, v := range more.Extensions {
				whole.Extensions[key] = v
			}
		}
		doc.Paths = whole
	}
	if !p.components.empty() {
		if schemas != nil {
			whole := schemas[0]
			for _, more := range schemas[1:] {
				for name, s := range more {
					whole[name] = s
				}
			}
			components.Schemas = whole
		}
		doc.Components = &components
	}
	return &doc, true
}

// cutOut is the JSON value within of j with the values at cuts (those
// within it, which do not overlap) written as empty objects; the whole of
// j when within is empty.
func cutOut(j []byte, within span, cuts ...span) []byte {
	if within.empty() {
		within = span{0, len(j)}
	}
	slices.SortFunc(cuts, func(a, b span) int { return a.start - b.start })
	out := make([]byte, 0, within.end-within.start)
	at := within.start
	for _, c := range cuts {
		if c.empty() || c.start < within.start || c.end > within.end {
			continue
		}
		out = append(append(out, j[at:c.start]...), "{}"...)
		at = c.end
	}
	return append(out, j[at:within.end]...)
}

// chunked gathers members into JSON objects of about partBytes each; one
// empty object when there are none, which decodes as the empty mapping
// does.
func chunked(j []byte, members []span) [][]byte {
	chunks := [][]byte{}
	var chunk []byte
	for _, m := range members {
		if chunk == nil {
			chunk = append(make([]byte, 0, min(partBytes, len(j))+1), '{')
		} else {
			chunk = append(chunk, ',')
		}
		chunk = append(chunk, j[m.start:m.end]...)
		if len(chunk) >= partBytes {
			chunks = append(chunks, append(chunk, '}'))
			chunk = nil
		}
	}
	if chunk != nil {
		chunks = append(chunks, append(chunk, '}'))
	}
	if len(chunks) == 0 {
		chunks = append(chunks, []byte("{}"))
	}
	return chunks
}

// runAll runs jobs on every CPU and reports whether all succeeded. A job
// that panics fails (kin-openapi can panic on a malformed document):
// the caller then decodes the whole, where the panic is reported.
func runAll(jobs []func() error) bool {
	var (
		wg     sync.WaitGroup
		failed atomic.Bool
		next   = make(chan func() error)
	)
	run := func(job func() error) {
		defer func() {
			if recover() != nil {
				failed.Store(true)
			}
		}()
		if job() != nil {
			failed.Store(true)
		}
	}
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for job := range next {
				run(job)
			}
		})
	}
	for _, job := range jobs {
		next <- job
	}
	close(next)
	wg.Wait()
	return !failed.Load()
}
