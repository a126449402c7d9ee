package parser

import (
	"os"
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestParseAllIsParseInOrder parses the corpus on every CPU and one page
// after another: the documents, diagnostics included, are the same and in
// the same order. With -race it also checks that pages parsed at once
// share nothing they write.
func TestParseAllIsParseInOrder(t *testing.T) {
	paths := corpusFiles(t)
	srcs := make([][]byte, len(paths))
	for i, p := range paths {
		var err error
		srcs[i], err = os.ReadFile(p)
		require.NoError(t, err)
	}
	var seen []int
	for i, doc := range ParseAll(len(paths), func(i int) *Document { return Parse(corpusName(paths[i]), srcs[i], Options{}) }) {
		seen = append(seen, i)
		assert.Equal(t, Parse(corpusName(paths[i]), srcs[i], Options{}), doc, paths[i])
	}
	require.Len(t, seen, len(paths))
	for i, at := range seen {
		require.Equal(t, i, at, "docs out of order")
	}
}

// TestParseAllStopsEarly breaks out of the loop at the first doc: the
// loop returns, and of a thousand docs only about those already handed to
// a CPU are parsed.
func TestParseAllStopsEarly(t *testing.T) {
	const n = 1000
	var parsed atomic.Int64
	release := make(chan struct{})
	for i := range ParseAll(n, func(i int) *Document {
		if i > 0 {
			<-release // the rest wait until the loop has its first doc
		}
		parsed.Add(1)
		return &Document{}
	}) {
		require.Equal(t, 0, i)
		close(release)
		break
	}
	assert.LessOrEqual(t, parsed.Load(), int64(2*runtime.GOMAXPROCS(0)+1))
}

func TestParseAllNone(t *testing.T) {
	for range ParseAll(0, func(int) *Document { panic("no doc to parse") }) {
		t.Fatal("a doc from none")
	}
}
