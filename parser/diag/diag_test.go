package diag

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
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
		{"warning", New(at, MalformedLabel, "method label %q has an unbalanced parenthesis", "POST(HTTPS"),
			`docs/cuxiao.txt:517:3: warning: method label "POST(HTTPS" has an unbalanced parenthesis [W003]`},
		{"info", New(at, NoRequiredMarks, "required is unknown"),
			"docs/cuxiao.txt:517:3: info: required is unknown [I001]"},
		{"error without column", New(Pos{File: "a.txt", Line: 1}, NoEndpoint, "no endpoint found"),
			"a.txt:1: error: no endpoint found [E002]"},
		{"related", Diagnostic{Pos: at, Severity: Warning, Code: ContradictedRule, Message: "contradicted",
			Related: []Pos{{File: "docs/cuxiao.txt", Line: 1402, Col: 5}, {File: "b.txt", Line: 2}}},
			"docs/cuxiao.txt:517:3: warning: contradicted (see docs/cuxiao.txt:1402:5, b.txt:2) [W012]"},
		{"no code", Diagnostic{Pos: at, Severity: Error, Message: "plain"},
			"docs/cuxiao.txt:517:3: error: plain"},
		{"unknown code is an error", New(at, Code(250), "typo"),
			"docs/cuxiao.txt:517:3: error: typo [code(250)]"},
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
	l.Add(p("b.txt", 1, 1), IgnoredText, "b")
	l.Add(p("a.txt", 10, 1), IgnoredText, "a10")
	l.Add(p("a.txt", 2, 9), IgnoredText, "a2:9")
	l.Add(p("a.txt", 2, 3), MislabelledBlock, "a2:3 W016")
	l.Add(p("a.txt", 2, 3), MalformedLabel, "a2:3 W003 y")
	l.Add(p("a.txt", 2, 3), MalformedLabel, "a2:3 W003 x")
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
	l.Add(Pos{Line: 1}, NoRequiredMarks, "i")
	l.Add(Pos{Line: 1}, IgnoredText, "w")
	l.Add(Pos{Line: 1}, MalformedLabel, "w")
	if l.Count(Info) != 1 || l.Count(Warning) != 2 || l.Count(Error) != 0 || l.HasErrors() {
		t.Errorf("counts = %d/%d/%d, HasErrors %v", l.Count(Info), l.Count(Warning), l.Count(Error), l.HasErrors())
	}
	l.Add(Pos{Line: 1}, NoEndpoint, "e")
	if !l.HasErrors() {
		t.Error("HasErrors() = false after an E code")
	}
	d := l.Add(Pos{Line: 3}, ContradictedRule, "x")
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
// summary, a severity matching its letter, and a printed form that is a
// letter and three digits, unique, and read back by ParseCode.
func TestCodesRegistered(t *testing.T) {
	name := regexp.MustCompile(`^[EWIJ][0-9]{3}$`)
	letter := map[byte][]Severity{'E': {Error}, 'W': {Warning}, 'I': {Info}, 'J': {Info, Warning}}
	codes := Codes()
	if len(codes) == 0 {
		t.Fatal("no codes registered")
	}
	if !slices.IsSortedFunc(codes, Code.Compare) {
		t.Errorf("Codes() is not sorted: %v", codes)
	}
	printed := map[string]Code{}
	for _, c := range codes {
		id := c.String()
		if !name.MatchString(id) {
			t.Errorf("%s: not a letter and three digits", id)
		}
		if other, dup := printed[id]; dup {
			t.Errorf("%s is printed for two codes, %d and %d", id, other, c)
		}
		printed[id] = c
		if back, ok := ParseCode(strings.ToLower(id)); !ok || back != c {
			t.Errorf("ParseCode(%q) = %v, %v", id, back, ok)
		}
		sum := c.Summary()
		if strings.TrimSpace(sum) == "" {
			t.Errorf("%s: no summary", c)
		}
		if strings.Contains(sum, "\n") {
			t.Errorf("%s: summary is more than one line", c)
		}
		if !slices.Contains(letter[id[0]], c.Severity()) {
			t.Errorf("%s: severity %v does not match its letter", c, c.Severity())
		}
	}
	unknown := Code(250)
	if unknown.Known() || unknown.Summary() != "" || unknown.Severity() != Error {
		t.Error("an unknown code must be unknown, without summary, and an error")
	}
	if _, ok := ParseCode("W999"); ok {
		t.Error("ParseCode accepted an unregistered code")
	}
	var c Code
	if err := c.UnmarshalText([]byte("j005")); err != nil || c != TrailingComma {
		t.Errorf("UnmarshalText(j005) = %v, %v", c, err)
	}
}

// TestCodesUsed scans the module's Go source (tests left out) for the code
// constants, so that the registry lists no code that nothing reports.
func TestCodesUsed(t *testing.T) {
	root := filepath.Join("..", "..")
	used := map[string]bool{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case "testdata", "generated", "vendor", "node_modules", "examples":
				return filepath.SkipDir
			}
			if strings.HasPrefix(d.Name(), ".") && path != root {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || filepath.Base(path) == "codes.go" {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil // another package may be mid-edit; its own build reports it
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.SelectorExpr:
				if id, ok := x.X.(*ast.Ident); ok && id.Name == "diag" {
					used[x.Sel.Name] = true
				}
			case *ast.Ident:
				used[x.Name] = true
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("codes.go")
	if err != nil {
		t.Fatal(err)
	}
	f, err := parser.ParseFile(fset, "codes.go", src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	for _, decl := range f.Decls {
		g, ok := decl.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, spec := range g.Specs {
			for _, name := range spec.(*ast.ValueSpec).Names {
				if name.Name != "_" && !used[name.Name] {
					t.Errorf("code %s is registered but nothing reports it", name.Name)
				}
			}
		}
	}
}

// Text quoted from the input is cut short, so a diagnostic about a huge
// cell or a downloaded page stays one readable line.
func TestExcerpt(t *testing.T) {
	long := strings.Repeat("登录", 1000)
	d := New(Pos{File: "https://docs.example/api"}, IgnoredText, "stray text %q ignored", long)
	if n := utf8.RuneCountInString(d.Message); n > MaxExcerpt+40 {
		t.Errorf("message of %d characters", n)
	}
	if !strings.Contains(d.Message, "…") {
		t.Errorf("no ellipsis: %s", d.Message)
	}
	if got := Excerpt("short"); got != "short" {
		t.Errorf("Excerpt(short) = %q", got)
	}
}

func TestQuotedArgs(t *testing.T) {
	for format, want := range map[string][]int{
		"%q is %s":          {0},
		"100%% of %s in %q": {1},
		"%*d %q %-8q":       {2, 3},
		"no verbs":          nil,
	} {
		if got := quotedArgs(format); !slices.Equal(got, want) {
			t.Errorf("quotedArgs(%q) = %v, want %v", format, got, want)
		}
	}
}
