package ljson

import (
	"bytes"
	"os"
	"testing"
)

// generatedDoc builds a single-line document of about size bytes in the
// shape of flattened ShowDoc examples: an array of copies of the real
// seed example, with its comments, commentary, missing commas and pasted
// object.
func generatedDoc(tb testing.TB, size int) []byte {
	tb.Helper()
	item, err := os.ReadFile("testdata/showdoc_customer.json")
	if err != nil {
		tb.Fatal(err)
	}
	item = bytes.TrimSpace(item)
	var b bytes.Buffer
	b.Grow(size + len(item))
	b.WriteString(`{ "errCode": 1000, "list": [//列表 `)
	for b.Len() < size {
		b.Write(item)
		b.WriteString(", ")
	}
	b.WriteString("] }")
	return b.Bytes()
}

func BenchmarkParse(b *testing.B) {
	showdoc, err := os.ReadFile("testdata/showdoc_customer.json")
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		src  []byte
	}{
		{"showdoc", showdoc},
		{"generated_1MB", generatedDoc(b, 1<<20)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.src)))
			b.ReportAllocs()
			for b.Loop() {
				Parse(bc.src, at1)
			}
		})
	}
}

// TestLargeSingleLine guards against quadratic rescanning: comment
// endings, positions and the J004 retry all look ahead on the same line.
// TestLargeSingleLine reads a 10 MB one-line document completely; a
// quadratic path shows up as a test timeout. BenchmarkParse measures speed.
func TestLargeSingleLine(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	src := generatedDoc(t, 10<<20)
	v, _ := Parse(src, at1)
	copies := bytes.Count(src, []byte(`"errMsg"`))
	if v == nil || len(v.Get("list").Items) != copies {
		t.Fatalf("the generated document was not read: want %d items", copies)
	}
}
