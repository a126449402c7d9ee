package runtime

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// fakePages answers page requests from a list of items: the request's
// page number or offset picks the slice, size items a page.
type fakePages struct {
	items  []int
	size   int
	asked  []pagerAt
	answer func(at pagerAt, items []int) pagerPage[int]
	failAt int // the fetch (from 1) that fails; 0 for none
}

func (f *fakePages) fetch(kind pagerKind, first int64) func(context.Context, pagerAt) (pagerPage[int], error) {
	return func(_ context.Context, at pagerAt) (pagerPage[int], error) {
		f.asked = append(f.asked, at)
		if len(f.asked) == f.failAt {
			return pagerPage[int]{}, errors.New("vendor says no")
		}
		from := int(at.n)
		if kind == pagerNumbers {
			from = int(at.n-first) * f.size
		}
		from = min(max(from, 0), len(f.items))
		page := f.items[from:min(from+f.size, len(f.items))]
		if f.answer != nil {
			return f.answer(at, page), nil
		}
		return pagerPage[int]{items: page}, nil
	}
}

func upTo(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// collect ranges over seq, stopping after stop items when stop > 0.
func collect(seq func(func(int, error) bool), stop int) (items []int, errs []error) {
	for item, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		items = append(items, item)
		if stop > 0 && len(items) == stop {
			break
		}
	}
	return items, errs
}

func TestPagerEnds(t *testing.T) {
	cases := []struct {
		name    string
		p       pager
		total   int
		size    int
		answer  func(f *fakePages) func(pagerAt, []int) pagerPage[int]
		fetches int
	}{
		{"short page", pager{kind: pagerNumbers, end: pagerShortPage, first: 1}, 2350, 1000, nil, 3},
		{"short page, a multiple of the size: one empty page more", pager{kind: pagerNumbers, end: pagerShortPage, first: 1}, 2000, 1000, nil, 3},
		{"one page not full: one empty page more", pager{kind: pagerNumbers, end: pagerShortPage, first: 1}, 5, 20, nil, 2},
		{"nothing at all", pager{kind: pagerNumbers, end: pagerShortPage, first: 1}, 0, 20, nil, 1},
		{"pages from 0", pager{kind: pagerNumbers, end: pagerShortPage, first: 0}, 45, 20, nil, 3},
		{"total", pager{kind: pagerNumbers, end: pagerTotal, first: 1}, 40, 20, func(f *fakePages) func(pagerAt, []int) pagerPage[int] {
			return func(_ pagerAt, items []int) pagerPage[int] {
				return pagerPage[int]{items: items, marker: json.RawMessage(`"40"`)}
			}
		}, 2},
		{"total missing from the answer: a short page", pager{kind: pagerNumbers, end: pagerTotal, first: 1}, 45, 20, nil, 3},
		{"total pages", pager{kind: pagerNumbers, end: pagerTotalPages, first: 0}, 60, 20, func(f *fakePages) func(pagerAt, []int) pagerPage[int] {
			return func(_ pagerAt, items []int) pagerPage[int] {
				return pagerPage[int]{items: items, marker: pagerRef(int32(3))}
			}
		}, 3},
		{"has more", pager{kind: pagerNumbers, end: pagerHasMore, first: 1}, 60, 20, func(f *fakePages) func(pagerAt, []int) pagerPage[int] {
			return func(at pagerAt, items []int) pagerPage[int] { return pagerPage[int]{items: items, marker: at.n < 3} }
		}, 3},
		{"is last", pager{kind: pagerNumbers, end: pagerLast, first: 1}, 60, 20, func(f *fakePages) func(pagerAt, []int) pagerPage[int] {
			return func(at pagerAt, items []int) pagerPage[int] {
				return pagerPage[int]{items: items, marker: fmt.Sprint(at.n == 3)}
			}
		}, 3},
		{"offsets and total", pager{kind: pagerOffsets, end: pagerTotal}, 45, 20, func(f *fakePages) func(pagerAt, []int) pagerPage[int] {
			return func(_ pagerAt, items []int) pagerPage[int] { return pagerPage[int]{items: items, marker: 45} }
		}, 3},
		{"cursors", pager{kind: pagerCursors, end: pagerNoCursor}, 45, 20, nil, 3},
		{"cursors and has_more", pager{kind: pagerCursors, end: pagerHasMore}, 40, 20, nil, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := &fakePages{items: upTo(c.total), size: c.size}
			if c.answer != nil {
				f.answer = c.answer(f)
			}
			fetch := f.fetch(c.p.kind, c.p.first)
			if c.p.kind == pagerCursors {
				// The cursor is the offset of the next page, as text; the
				// last page hands on none (or says has_more false).
				fetch = func(_ context.Context, at pagerAt) (pagerPage[int], error) {
					f.asked = append(f.asked, at)
					var from int
					fmt.Sscan(at.cursor, &from)
					to := min(from+c.size, c.total)
					pg := pagerPage[int]{items: f.items[from:to], marker: to < c.total}
					if to < c.total || c.p.end == pagerHasMore {
						pg.next = json.RawMessage(fmt.Sprintf(`"%d"`, to))
					}
					return pg, nil
				}
			}
			items, errs := collect(pagerAll(context.Background(), c.p, fetch), 0)
			if len(errs) > 0 || !slices.Equal(items, f.items) {
				t.Fatalf("%d items (want %d), errors %v", len(items), len(f.items), errs)
			}
			if len(f.asked) != c.fetches {
				t.Fatalf("%d fetches %v, want %d", len(f.asked), f.asked, c.fetches)
			}
		})
	}
}

// TestPagerStartsWhereTheRequestDoes: a request that names its page
// starts there, and a total counts the pages it skipped.
func TestPagerStartsWhereTheRequestDoes(t *testing.T) {
	f := &fakePages{items: upTo(100), size: 20, answer: func(_ pagerAt, items []int) pagerPage[int] {
		return pagerPage[int]{items: items, marker: 100}
	}}
	p := pager{kind: pagerNumbers, end: pagerTotal, first: 1}
	p.startAt(pagerRef(int32(3)))
	items, errs := collect(pagerAll(context.Background(), p, f.fetch(pagerNumbers, 1)), 0)
	if len(errs) > 0 || !slices.Equal(items, upTo(100)[40:]) || len(f.asked) != 3 || f.asked[0].n != 3 {
		t.Fatalf("items %d, errors %v, asked %v", len(items), errs, f.asked)
	}
	p = pager{kind: pagerNumbers, first: 1}
	p.startAt("")
	if p.started {
		t.Fatal("an empty page text starts the iteration somewhere")
	}
}

// TestPagerLazy: a page is fetched only when the loop has used the one
// before; breaking out fetches nothing more.
func TestPagerLazy(t *testing.T) {
	f := &fakePages{items: upTo(100), size: 10}
	items, _ := collect(pagerAll(context.Background(), pager{kind: pagerNumbers, first: 1}, f.fetch(pagerNumbers, 1)), 15)
	if len(items) != 15 || len(f.asked) != 2 {
		t.Fatalf("%d items, %d fetches; want 15 and 2", len(items), len(f.asked))
	}
}

// TestPagerErrorOnce: an error is yielded once and nothing is fetched
// after it.
func TestPagerErrorOnce(t *testing.T) {
	f := &fakePages{items: upTo(100), size: 10, failAt: 2}
	items, errs := collect(pagerAll(context.Background(), pager{kind: pagerNumbers, first: 1}, f.fetch(pagerNumbers, 1)), 0)
	if len(items) != 10 || len(errs) != 1 || len(f.asked) != 2 || errs[0].Error() != "vendor says no" {
		t.Fatalf("%d items, errors %v, %d fetches", len(items), errs, len(f.asked))
	}
}

// TestPagerContext: a context that ends mid-page ends the iteration with
// ctx.Err(), once, before the next item.
func TestPagerContext(t *testing.T) {
	f := &fakePages{items: upTo(100), size: 10}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var items []int
	var errs []error
	for item, err := range pagerAll(ctx, pager{kind: pagerNumbers, first: 1}, f.fetch(pagerNumbers, 1)) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		items = append(items, item)
		if len(items) == 15 {
			cancel()
		}
	}
	if len(items) != 15 || len(errs) != 1 || !errors.Is(errs[0], context.Canceled) || len(f.asked) != 2 {
		t.Fatalf("%d items, errors %v, %d fetches", len(items), errs, len(f.asked))
	}
	// Ended before the first page: nothing is fetched.
	f.asked = nil
	_, errs = collect(pagerAll(ctx, pager{kind: pagerNumbers, first: 1}, f.fetch(pagerNumbers, 1)), 0)
	if len(errs) != 1 || len(f.asked) != 0 {
		t.Fatalf("errors %v, %d fetches", errs, len(f.asked))
	}
}

// TestPagerLimit: an API that never says the last page is cut off after
// the limit, with an error wrapping ErrPageLimit.
func TestPagerLimit(t *testing.T) {
	fetches := 0
	endless := func(_ context.Context, at pagerAt) (pagerPage[int], error) {
		fetches++
		return pagerPage[int]{items: []int{int(at.n)}, marker: true}, nil
	}
	items, errs := collect(pagerAll(context.Background(), pager{op: "Feed", kind: pagerNumbers, end: pagerHasMore, first: 1, limit: 7}, endless), 0)
	if len(items) != 7 || fetches != 7 || len(errs) != 1 || !errors.Is(errs[0], ErrPageLimit) {
		t.Fatalf("%d items, %d fetches, errors %v", len(items), fetches, errs)
	}
	if MaxPages != 10_000 {
		t.Fatalf("MaxPages is %d; the README says 10,000", MaxPages)
	}
}

// TestPagerCursorRepeated: an answer that hands back the cursor it was
// asked for would be fetched forever: an error instead.
func TestPagerCursorRepeated(t *testing.T) {
	fetches := 0
	stuck := func(_ context.Context, at pagerAt) (pagerPage[int], error) {
		fetches++
		return pagerPage[int]{items: []int{fetches}, next: "c1"}, nil
	}
	items, errs := collect(pagerAll(context.Background(), pager{op: "Feed", kind: pagerCursors, end: pagerNoCursor}, stuck), 0)
	if len(items) != 2 || fetches != 2 || len(errs) != 1 {
		t.Fatalf("%d items, %d fetches, errors %v", len(items), fetches, errs)
	}
}

func TestPagerValues(t *testing.T) {
	numbers := []struct {
		v    any
		want int64
		ok   bool
	}{
		{int32(3), 3, true}, {pagerRef(int64(4)), 4, true}, {(*int32)(nil), 0, false}, {"12", 12, true}, {" 7 ", 7, true},
		{"45.00", 45, true}, {pagerRef("9"), 9, true}, {json.RawMessage(`"10000"`), 10000, true}, {json.RawMessage(`250`), 250, true},
		{json.RawMessage(`null`), 0, false}, {"", 0, false}, {nil, 0, false}, {true, 0, false},
	}
	for _, c := range numbers {
		if n, ok := pagerNumber(c.v); n != c.want || ok != c.ok {
			t.Errorf("pagerNumber(%#v) = %d, %v", c.v, n, ok)
		}
	}
	flags := []struct {
		v        any
		want, ok bool
	}{
		{true, true, true}, {pagerRef(false), false, true}, {int32(1), true, true}, {"0", false, true}, {"true", true, true},
		{json.RawMessage(`false`), false, true}, {json.RawMessage(`1`), true, true}, {json.RawMessage(`null`), false, false}, {"maybe", false, false},
	}
	for _, c := range flags {
		if b, ok := pagerFlag(c.v); b != c.want || ok != c.ok {
			t.Errorf("pagerFlag(%#v) = %v, %v", c.v, b, ok)
		}
	}
	texts := []struct {
		v    any
		want string
		ok   bool
	}{
		{"c2", "c2", true}, {pagerRef(""), "", false}, {json.RawMessage(`"c3"`), "c3", true}, {json.RawMessage(`17`), "17", true},
		{json.RawMessage(`""`), "", false}, {int64(5), "5", true}, {nil, "", false},
	}
	for _, c := range texts {
		if s, ok := pagerText(c.v); s != c.want || ok != c.ok {
			t.Errorf("pagerText(%#v) = %q, %v", c.v, s, ok)
		}
	}
	if v := pagerMember([]byte(`{"error_code":0,"total_size":"40","data":[]}`), "total_size"); fmt.Sprint(pagerNumber(v)) != "40 true" {
		t.Errorf("pagerMember: %v", v)
	}
	if v := pagerMember([]byte(`not json`), "total_size"); v != nil {
		t.Errorf("pagerMember of no JSON: %#v", v)
	}
}

// TestPagerKeepAnswer: the option keeps the body of the answer its hook
// is called with, the final try's last.
func TestPagerKeepAnswer(t *testing.T) {
	var body []byte
	var rc requestConfig
	pagerKeepAnswer(&body)(&rc)
	for _, answer := range []string{`{"code":1}`, `{"code":0,"total":7}`} {
		for _, hook := range rc.onResponse {
			hook(&http.Response{Body: io.NopCloser(strings.NewReader(answer))})
		}
	}
	if string(body) != `{"code":0,"total":7}` {
		t.Fatalf("kept %q", body)
	}
}
