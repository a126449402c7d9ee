package parser

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/apigen/apigen/parser/diag"
)

// MaxDocSize bounds what apigen reads as one doc page. Real pages are far
// smaller; the bound keeps hostile input from exhausting memory.
const MaxDocSize = 64 << 20

// Options tune Parse.
type Options struct {
	// Format forces a reader instead of detecting the format from content.
	Format Format
}

// ParseFile reads and parses the doc page at path.
func ParseFile(path string, opts Options) *Document {
	src, err := readLimited(path)
	if err != nil {
		doc := &Document{File: path}
		doc.Diagnostics.Add(diag.Pos{File: path}, diag.ReadFailed, "%v", err)
		return doc
	}
	return Parse(path, src, opts)
}

func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, MaxDocSize+1))
	if err != nil {
		return nil, err
	}
	if len(src) > MaxDocSize {
		return nil, fmt.Errorf("%s is larger than %d MiB, too large for a doc page", path, MaxDocSize>>20)
	}
	return src, nil
}

// Parse reads one doc page. It never fails: problems, including an
// unrecognised format, are diagnostics on the returned Document.
func Parse(file string, src []byte, opts Options) *Document {
	doc := &Document{File: file}
	text, ok := decodeText(doc, src)
	if !ok {
		return doc
	}
	doc.Format = opts.Format
	if doc.Format == "" {
		doc.Format = Detect(text)
	}
	reader, ok := readers[doc.Format]
	if !ok {
		doc.Diagnostics.Add(diag.Pos{File: file, Line: 1}, diag.UnknownFormat, "unknown format %q", doc.Format)
		return doc
	}
	reader(doc, text)
	if len(doc.Endpoints) == 0 {
		doc.Diagnostics.Add(diag.Pos{File: file, Line: 1}, diag.NoEndpoint, "no endpoint found (read as %s)", doc.Format)
	}
	doc.Diagnostics.Sort()
	return doc
}

// decodeText turns the bytes of a page into text: UTF-8 as is (without a
// byte order mark), or GB18030 when the bytes are not UTF-8 but decode as it.
func decodeText(doc *Document, src []byte) (string, bool) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if looksBinary(src) {
		doc.Diagnostics.Add(diag.Pos{File: doc.File, Line: 1}, diag.NotText, "the file is not text")
		return "", false
	}
	if utf8.Valid(src) {
		return blankControls(doc, string(src)), true
	}
	if text, ok := decodeGB18030(src); ok {
		doc.Diagnostics.Add(diag.Pos{File: doc.File, Line: 1}, diag.NotUTF8, "the file is not UTF-8; decoded as GB18030")
		return blankControls(doc, text), true
	}
	doc.Diagnostics.Add(diag.Pos{File: doc.File, Line: 1}, diag.NotUTF8, "the file is not valid UTF-8; invalid bytes replaced")
	return blankControls(doc, string(bytes.ToValidUTF8(src, []byte("\uFFFD")))), true
}

// ansiEscape matches a terminal colour or cursor sequence (ESC [ … letter).
var ansiEscape = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]`)

// blankControls replaces terminal escape sequences and control characters
// other than tab, line breaks and form feed with spaces: a page copied
// from a terminal or a broken editor carries them inside names and labels,
// where they would hide a word from every reader. Spaces keep every
// column where it was.
func blankControls(doc *Document, text string) string {
	isControl := func(r rune) bool {
		return r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' || r == 0x7f
	}
	if strings.IndexFunc(text, isControl) < 0 {
		return text
	}
	first := diag.Pos{File: doc.File, Line: 1 + strings.Count(text[:strings.IndexFunc(text, isControl)], "\n")}
	n := 0
	text = ansiEscape.ReplaceAllStringFunc(text, func(m string) string {
		n++
		return strings.Repeat(" ", len(m))
	})
	text = strings.Map(func(r rune) rune {
		if isControl(r) {
			n++
			return ' '
		}
		return r
	}, text)
	doc.Diagnostics.Add(first, diag.ControlChars, "%d control characters or terminal escapes were read as spaces", n)
	return text
}

// looksBinary reports NUL bytes or a high share of control characters in the
// first few kilobytes, the way file(1) and git tell binary from text.
func looksBinary(src []byte) bool {
	head := src[:min(len(src), 8192)]
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	ctl := 0
	for _, c := range head {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b {
			ctl++
		}
	}
	return len(head) > 0 && ctl*10 > len(head)
}
