package diag

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestPosString(t *testing.T) {
	tests := []struct {
		pos  Pos
		want string
	}{
		{Pos{File: "docs/cuxiao.txt", Line: 517, Col: 3}, "docs/cuxiao.txt:517:3"},
		{Pos{File: "docs/cuxiao.txt", Line: 517}, "docs/cuxiao.txt:517"},
		{Pos{File: "docs/cuxiao.txt"}, "docs/cuxiao.txt"},
		{Pos{Line: 4, Col: 7}, "-:4:7"},
		{Pos{}, "-"},
	}
	for _, tt := range tests {
		if got := tt.pos.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.pos, got, tt.want)
		}
	}
}

func TestDiagnosticString(t *testing.T) {
	at := Pos{File: "docs/cuxiao.txt", Line: 517, Col: 3}
	tests := []struct {
		name string
		d    Diagnostic
		want string
	}{
		{"warning", New(at, "W003", "method label %q has an unbalanced parenthesis", "POST(HTTPS"),
			`docs/cuxiao.txt:517:3: warning: method label "POST(HTTPS" has an unbalanced parenthesis [W003]`},
		{"info", New(at, "I001", "required is unknown"),
			"docs/cuxiao.txt:517:3: info: required is unknown [I001]"},
		{"error without column", New(Pos{File: "a.txt", Line: 1}, "E002", "no endpoint found"),
			"a.txt:1: error: no endpoint found [E002]"},
		{"related", Diagnostic{Pos: at, Severity: Warning, Code: "W012", Message: "contradicted",
			Related: []Pos{{File: "docs/cuxiao.txt", Line: 1402, Col: 5}, {File: "b.txt", Line: 2}}},
			"docs/cuxiao.txt:517:3: warning: contradicted (see docs/cuxiao.txt:1402:5, b.txt:2) [W012]"},
		{"no code", Diagnostic{Pos: at, Severity: Error, Message: "plain"},
			"docs/cuxiao.txt:517:3: error: plain"},
		{"unknown code is an error", New(at, "X999", "typo"),
			"docs/cuxiao.txt:517:3: error: typo [X999]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.d.String(); got != tt.want {
				t.Errorf("String() =\n  %s\nwant\n  %s", got, tt.want)
			}
		})
	}
}

func TestListSort(t *testing.T) {
	p := func(file string, line, col int) Pos { return Pos{File: file, Line: line, Col: col} }
	var l List
	l.Add(p("b.txt", 1, 1), "W001", "b")
	l.Add(p("a.txt", 10, 1), "W001", "a10")
	l.Add(p("a.txt", 2, 9), "W001", "a2:9")
	l.Add(p("a.txt", 2, 3), "W016", "a2:3 W016")
	l.Add(p("a.txt", 2, 3), "W003", "a2:3 W003 y")
	l.Add(p("a.txt", 2, 3), "W003", "a2:3 W003 x")
	l.Sort()
	var got []string
	for _, d := range l {
		got = append(got, d.Message)
	}
	want := []string{"a2:3 W003 x", "a2:3 W003 y", "a2:3 W016", "a2:9", "a10", "b"}
	if !slices.Equal(got, want) {
		t.Errorf("sorted = %q, want %q", got, want)
	}
}

func TestListCount(t *testing.T) {
	var l List
	l.Add(Pos{Line: 1}, "I001", "i")
	l.Add(Pos{Line: 1}, "W001", "w")
	l.Add(Pos{Line: 1}, "W003", "w")
	if l.Count(Info) != 1 || l.Count(Warning) != 2 || l.Count(Error) != 0 || l.HasErrors() {
		t.Errorf("counts = %d/%d/%d, HasErrors %v", l.Count(Info), l.Count(Warning), l.Count(Error), l.HasErrors())
	}
	l.Add(Pos{Line: 1}, "E002", "e")
	if !l.HasErrors() {
		t.Error("HasErrors() = false after an E code")
	}
	d := l.Add(Pos{Line: 3}, "W012", "x")
	d.Related = []Pos{{Line: 9}}
	if len(l[len(l)-1].Related) != 1 {
		t.Error("Add does not return the stored diagnostic")
	}
}

func TestSeverityText(t *testing.T) {
	for _, s := range []Severity{Info, Warning, Error} {
		b, err := s.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Severity
		if err := back.UnmarshalText(b); err != nil || back != s {
			t.Errorf("round trip of %v = %v, %v", s, back, err)
		}
	}
	var s Severity
	if err := s.UnmarshalText([]byte("fatal")); err == nil {
		t.Error("UnmarshalText(fatal) succeeded")
	}
}

// TestCodesRegistered checks the registry itself: every code has a one-line
// summary, a severity matching its letter, and a well-formed name.
func TestCodesRegistered(t *testing.T) {
	name := regexp.MustCompile(`^[EWIJ][0-9]{3}$`)
	letter := map[byte][]Severity{'E': {Error}, 'W': {Warning}, 'I': {Info}, 'J': {Info, Warning}}
	codes := Codes()
	if len(codes) == 0 {
		t.Fatal("no codes registered")
	}
	if !slices.IsSorted(codes) {
		t.Errorf("Codes() is not sorted: %v", codes)
	}
	for _, c := range codes {
		if !name.MatchString(string(c)) {
			t.Errorf("%s: not a letter and three digits", c)
		}
		if !c.Known() {
			t.Errorf("%s: listed but not Known", c)
		}
		sum := c.Summary()
		if strings.TrimSpace(sum) == "" {
			t.Errorf("%s: no summary", c)
		}
		if strings.Contains(sum, "\n") {
			t.Errorf("%s: summary is more than one line", c)
		}
		if !slices.Contains(letter[c[0]], c.Severity()) {
			t.Errorf("%s: severity %v does not match its letter", c, c.Severity())
		}
	}
	if Code("W999").Known() || Code("W999").Summary() != "" || Code("W999").Severity() != Error {
		t.Error("an unknown code must be unknown, without summary, and an error")
	}
}

// TestCodesUsedAreRegistered scans the module's Go source for code
// literals passed to diagnostics, so that a code cannot be used without a
// summary for `apigen lint -explain`.
func TestCodesUsedAreRegistered(t *testing.T) {
	root := filepath.Join("..", "..")
	codeLit := regexp.MustCompile(`^[EWIJ][0-9]{3}$`)
	fset := token.NewFileSet()
	seen := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case "testdata", "generated", "vendor", "node_modules":
				return filepath.SkipDir
			}
			if strings.HasPrefix(d.Name(), ".") && path != root {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil // another package may be mid-edit; its own build reports it
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil || !codeLit.MatchString(s) {
				return true
			}
			seen++
			if !Code(s).Known() {
				t.Errorf("%s: code %s is used but not registered in codes.go", fset.Position(lit.Pos()), s)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen == 0 {
		t.Fatal("found no code literals; is the walk rooted at the module?")
	}
}
