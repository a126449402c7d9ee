package runtime

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"strconv"
	"strings"
)

// The iterators of paged operations (x-apigen-paging): each XxxAll
// method ranges over the items of every page, fetching a page only when
// the loop has used the one before.

// MaxPages bounds the pages one iteration fetches: an API that never says
// which page is its last (a total that grows, a cursor that never runs
// out) ends the loop with an error wrapping ErrPageLimit instead of
// running it forever.
const MaxPages = 10_000

// ErrPageLimit is wrapped by the error an iteration ends with after
// MaxPages pages when the API has not said the last was among them.
var ErrPageLimit = errors.New("page limit reached")

// pagerKind is how a request names its page.
type pagerKind uint8

const (
	pagerNumbers pagerKind = iota // a page number
	pagerOffsets                  // how many items to skip
	pagerCursors                  // a cursor the answer before handed on
)

// pagerEnd is what tells the last page.
type pagerEnd uint8

const (
	pagerShortPage  pagerEnd = iota // a page shorter than the first, or an empty one
	pagerTotal                      // the items counted reach the total the answer gives
	pagerTotalPages                 // the pages counted reach the number the answer gives
	pagerHasMore                    // the answer's has_more is false
	pagerLast                       // the answer's is_last is true
	pagerNoCursor                   // the answer hands on no cursor
)

// pager is how one operation pages, as its x-apigen-paging says.
type pager struct {
	op     string // the method, for errors
	kind   pagerKind
	end    pagerEnd
	first  int64 // the number of the first page
	start  int64 // the page or offset to start at
	cursor string
	// started: the request names its own page, offset or cursor.
	started bool
	limit   int // pages at most; MaxPages when 0
}

// startAt starts the iteration where the request does: at its page,
// offset or cursor, when it gives one.
func (p *pager) startAt(v any) {
	if p.kind == pagerCursors {
		if s, ok := pagerText(v); ok && s != "" {
			p.cursor, p.started = s, true
		}
		return
	}
	if n, ok := pagerNumber(v); ok {
		p.start, p.started = n, true
	}
}

// pagerAt is the page one request asks for: a page number or an offset
// in n, or a cursor.
type pagerAt struct {
	n      int64
	cursor string
}

// pagerPage is one answer: its items, the member that tells the last
// page (nil when the answer leaves it out) and the next cursor.
type pagerPage[T any] struct {
	items  []T
	marker any
	next   any
}

// pagerAll ranges over the items of every page fetch returns. An error
// ends the iteration: it is yielded once with a zero item, and no page is
// fetched after it; so is ctx.Err() when ctx ends, checked before every
// page and every item.
func pagerAll[T any](ctx context.Context, p pager, fetch func(context.Context, pagerAt) (pagerPage[T], error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		at := pagerAt{n: p.start, cursor: p.cursor}
		if p.kind == pagerNumbers && !p.started {
			at.n = p.first
		}
		limit := p.limit
		if limit <= 0 {
			limit = MaxPages
		}
		full := -1     // the first page's length
		var seen int64 // the items before this page's end, those the request skipped included
		for fetched := 0; ; fetched++ {
			if fetched == limit {
				yield(zero, fmt.Errorf("%s: %w: %d pages fetched and the API has not said which is the last", p.op, ErrPageLimit, limit))
				return
			}
			if err := ctx.Err(); err != nil {
				yield(zero, err)
				return
			}
			pg, err := fetch(ctx, at)
			if err != nil {
				if ctxErr := ctx.Err(); ctxErr != nil {
					err = ctxErr
				}
				yield(zero, err)
				return
			}
			for _, item := range pg.items {
				if err := ctx.Err(); err != nil {
					yield(zero, err)
					return
				}
				if !yield(item, nil) {
					return
				}
			}
			n := len(pg.items)
			if full < 0 {
				full = n
				switch p.kind {
				case pagerNumbers:
					seen = max(at.n-p.first, 0) * int64(n)
				case pagerOffsets:
					seen = at.n
				}
			}
			seen += int64(n)
			next, more, err := p.next(at, pg.marker, pg.next, n, full, seen)
			if err != nil {
				yield(zero, err)
				return
			}
			if !more {
				return
			}
			at = next
		}
	}
}

// next decides whether a page follows the one at at, of n items, and
// where it starts.
func (p *pager) next(at pagerAt, marker, cursor any, n, full int, seen int64) (pagerAt, bool, error) {
	if p.kind == pagerCursors {
		c, ok := pagerText(cursor)
		if !ok || c == "" {
			return at, false, nil
		}
		switch p.end {
		case pagerHasMore:
			if more, ok := pagerFlag(marker); ok && !more {
				return at, false, nil
			}
		case pagerLast:
			if last, ok := pagerFlag(marker); ok && last {
				return at, false, nil
			}
		}
		if c == at.cursor {
			return at, false, fmt.Errorf("%s: the answer hands on the cursor it was asked for (%q); fetching it again would never end", p.op, c)
		}
		return pagerAt{cursor: c}, true, nil
	}
	if n == 0 {
		return at, false, nil
	}
	more, known := false, false
	switch p.end {
	case pagerTotal:
		if total, ok := pagerNumber(marker); ok {
			more, known = seen < total, true
		}
	case pagerTotalPages:
		if pages, ok := pagerNumber(marker); ok {
			more, known = at.n-p.first+1 < pages, true
		}
	case pagerHasMore:
		if m, ok := pagerFlag(marker); ok {
			more, known = m, true
		}
	case pagerLast:
		if last, ok := pagerFlag(marker); ok {
			more, known = !last, true
		}
	}
	if !known {
		// Nothing says: a page shorter than the first is the last. A
		// server may answer fewer items than asked for on every page, so
		// the first page's length is the measure, not the size asked.
		more = n >= full
	}
	if !more {
		return at, false, nil
	}
	if p.kind == pagerOffsets {
		return pagerAt{n: at.n + int64(n)}, true, nil
	}
	return pagerAt{n: at.n + 1}, true, nil
}

// pagerRef is a pointer to a copy of v, for optional request fields.
func pagerRef[T any](v T) *T { return &v }

// pagerNumber reads a count or a page number however the answer or the
// request holds it: a Go number, text, a pointer to either, or JSON.
func pagerNumber(v any) (int64, bool) {
	switch x := v.(type) {
	case int:
		return int64(x), true
	case int32:
		return int64(x), true
	case int64:
		return x, true
	case float64:
		return int64(x), true
	case *int32:
		if x != nil {
			return int64(*x), true
		}
	case *int64:
		if x != nil {
			return *x, true
		}
	case *float64:
		if x != nil {
			return int64(*x), true
		}
	case *string:
		if x != nil {
			return pagerNumber(*x)
		}
	case string:
		s := strings.TrimSpace(x)
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return n, true
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return int64(f), true
		}
	case json.RawMessage:
		if s, ok := pagerText(x); ok {
			return pagerNumber(s)
		}
	}
	return 0, false
}

// pagerFlag reads has_more or is_last: a boolean, 1 or 0, or text.
func pagerFlag(v any) (bool, bool) {
	switch x := v.(type) {
	case bool:
		return x, true
	case *bool:
		if x != nil {
			return *x, true
		}
	case json.RawMessage:
		if s, ok := pagerText(x); ok {
			return pagerFlag(s)
		}
	case string:
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "true", "1", "y", "yes":
			return true, true
		case "false", "0", "n", "no":
			return false, true
		}
	case *string:
		if x != nil {
			return pagerFlag(*x)
		}
	default:
		if n, ok := pagerNumber(v); ok {
			return n != 0, true
		}
	}
	return false, false
}

// pagerText reads a cursor: text, a number, or JSON; null and "" are
// none.
func pagerText(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, x != ""
	case *string:
		if x != nil {
			return *x, *x != ""
		}
	case json.RawMessage:
		if isAbsent(x) {
			return "", false
		}
		s, err := textOf(x)
		return s, err == nil && s != ""
	case nil:
	default:
		if n, ok := pagerNumber(v); ok {
			return strconv.FormatInt(n, 10), true
		}
	}
	return "", false
}

// pagerMember is a member of an answer's envelope, beside the data the
// method returns (WiseCRM's total_size), as JSON; nil when there is none.
func pagerMember(body []byte, name string) any {
	m, err := decodeObject(body)
	if err != nil || m[name] == nil {
		return nil
	}
	return m[name]
}

// pagerKeepAnswer keeps the body of a call's final answer in *body, for
// the envelope members its method does not return.
func pagerKeepAnswer(body *[]byte) RequestOption {
	return WithResponseHook(func(resp *http.Response) {
		if data, err := io.ReadAll(resp.Body); err == nil {
			*body = data
		}
	})
}
