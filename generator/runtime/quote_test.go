package runtime

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSnippetCutsAtRuneBoundary(t *testing.T) {
	long := strings.Repeat("南京掌控网络", 5) // 90 bytes
	s := snippet([]byte(long))
	if !utf8.ValidString(s) {
		t.Fatalf("snippet %q is not valid UTF-8", s)
	}
	if s != "南京掌控网络南京掌控网络南…" { // 13 runes, 39 of the 40 bytes
		t.Fatalf("snippet = %q", s)
	}
	if s := snippet("short"); s != "short" {
		t.Fatalf("snippet = %q", s)
	}
}

func TestClipPathKeepsBothEnds(t *testing.T) {
	short := []byte("reqInfo[1].data[0].value")
	if got := clipPath(short); string(got) != string(short) {
		t.Fatalf("clipPath(%s) = %s", short, got)
	}
	deep := "tree" + strings.Repeat(".children[0]", 1000) + ".名称"
	got := string(clipPath([]byte(deep)))
	if len(got) > maxPath+len("…") || !utf8.ValidString(got) {
		t.Fatalf("clipPath = %q (%d bytes)", got, len(got))
	}
	if !strings.HasPrefix(got, "tree.children[0]") || !strings.HasSuffix(got, "children[0].名称") || !strings.Contains(got, "…") {
		t.Fatalf("clipPath = %q", got)
	}
}
