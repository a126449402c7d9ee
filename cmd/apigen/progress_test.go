package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestProgressLine(t *testing.T) {
	for _, c := range []struct {
		n, total int
		verb     string
		name     string
		want     string
	}{
		{37, 120, "parsing", "docs/x.txt", "[ 37/120] parsing docs/x.txt"},
		{1, 51, "parsing", "a.txt", "[ 1/51] parsing a.txt"},
		{120, 120, "reading", "https://example.com/a", "[120/120] reading https://example.com/a"},
		{3, 1000, "parsing", "docs/bad\nname\r.txt", "[   3/1000] parsing docs/bad name .txt"},
		{
			9, 60, "parsing", "docs/" + strings.Repeat("long/", 20) + "end.txt",
			"[ 9/60] parsing …" + strings.Repeat("long/", 11) + "end.txt",
		},
		{
			9, 60, "parsing", strings.Repeat("文", 40) + ".txt",
			"[ 9/60] parsing …" + strings.Repeat("文", 29) + ".txt",
		},
	} {
		p := &progress{total: c.total, n: c.n}
		got := p.line(c.verb, c.name)
		if got != c.want {
			t.Errorf("line(%d/%d, %q):\n got %q\nwant %q", c.n, c.total, c.name, got, c.want)
		}
		if w := displayWidth(got); w > progressWidth {
			t.Errorf("line %q is %d columns wide, over %d", got, w, progressWidth)
		}
	}
}

func TestProgressDraws(t *testing.T) {
	var b bytes.Buffer
	p := &progress{w: &b, total: 120}
	p.step("parsing", "docs/a.txt")
	p.step("parsing", "docs/b.txt")
	p.done()
	p.done()
	want := "\r[  1/120] parsing docs/a.txt\x1b[K\r[  2/120] parsing docs/b.txt\x1b[K\r\x1b[K"
	if b.String() != want {
		t.Errorf("got %q\nwant %q", b.String(), want)
	}
}

func TestProgressQuiet(t *testing.T) {
	pipeR, pipeW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pipeR.Close()
	defer pipeW.Close()
	file, err := os.Create(filepath.Join(t.TempDir(), "log"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	for name, w := range map[string]interface {
		Write([]byte) (int, error)
	}{"buffer": &bytes.Buffer{}, "pipe": pipeW, "file": file} {
		if p := newProgress(w, 500); p.w != nil {
			t.Errorf("%s: a progress line on something that is not a terminal", name)
		}
	}
	// The null device is a character device, as a terminal is, and is
	// there when the tests run without one.
	dev, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer dev.Close()
	if info, err := dev.Stat(); err != nil || info.Mode()&os.ModeCharDevice == 0 {
		t.Skipf("%s is not a character device here", os.DevNull)
	}
	if p := newProgress(dev, progressMin); p.w != nil {
		t.Errorf("a progress line for only %d docs", progressMin)
	}
	if p := newProgress(dev, progressMin+1); p.w == nil {
		t.Errorf("no progress line on a character device for %d docs", progressMin+1)
	}
}

// TestProgressQuietRun lints more docs than the threshold with stderr not a
// terminal: the output must be exactly what a short run prints.
func TestProgressQuietRun(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for i := range progressMin + 10 {
		p := filepath.Join(dir, "doc"+strconv.Itoa(i)+".txt")
		doc := "# op" + strconv.Itoa(i) + "\n\n请求方式: POST\n请求地址: https://api.example.com/op" + strconv.Itoa(i) + "\n\n参数 类型 必填 说明\na INT 是 编号\n"
		if err := os.WriteFile(p, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	var stdout, stderr bytes.Buffer
	if code := run(append([]string{"spec", "-o", filepath.Join(dir, "out.yaml")}, paths...), &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if strings.ContainsAny(stderr.String(), "\r\x1b") {
		t.Errorf("stderr has progress output though it is not a terminal: %q", stderr.String())
	}
}
