package generator_test

import (
	"fmt"
	"go/ast"
	goparser "go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apigen/apigen/generator"
	"github.com/apigen/apigen/spec/oas"
)

// codecShapes has a member of every kind and tag the encoders write:
// numbers sent as strings, enums of each kind, maps, untyped and raw
// values, lists of lists, required and optional pointers, a recursive
// struct, and names that need escaping.
var codecShapes = `openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /shapes:
    post:
      operationId: putShapes
      requestBody: {content: {application/json: {schema: {$ref: "#/components/schemas/Shapes"}}}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Shapes"}}}}
components:
  schemas:
    Color: {type: string, enum: [red, green]}
    Level: {type: integer, enum: [1, 2, 3]}
    Ratio: {type: number, enum: [0.5, 1.5]}
    Tags: {type: array, items: {type: string}}
    Node:
      type: object
      properties:
        name: {type: string}
        children: {type: array, items: {$ref: "#/components/schemas/Node"}}
        parent: {$ref: "#/components/schemas/Node"}
    Shapes:
      type: object
      required: [id, must, mustPtr, when, list]
      properties:
        id: {type: integer, format: int64}
        must: {type: string}
        mustPtr: {type: [integer, "null"], format: int32}
        quoted: {type: [string, integer], format: int64}
        when: {type: string, format: date-time}
        amount: {type: string, format: decimal}
        ok: {type: boolean}
        score: {type: number}
        small: {type: integer, format: int32}
        color: {$ref: "#/components/schemas/Color"}
        level: {$ref: "#/components/schemas/Level"}
        ratio: {$ref: "#/components/schemas/Ratio"}
        tags: {$ref: "#/components/schemas/Tags"}
        list: {type: array, items: {type: integer}}
        grid: {type: array, items: {type: array, items: {type: number}}}
        counts: {type: object, additionalProperties: {type: integer}}
        byName: {type: object, additionalProperties: {$ref: "#/components/schemas/Node"}}
        anything: {}
        tree: {$ref: "#/components/schemas/Node"}
        nodes: {type: array, items: {$ref: "#/components/schemas/Node"}}
        "a<b>&c": {type: string}
        "名称": {type: string}
        wide: {$ref: "#/components/schemas/Wide"}
` + wideSchema(70)

// wideSchema is a model of n integer members f0…f(n-1): past the 64th a
// model keeps the bits of what was sent in a second place.
func wideSchema(n int) string {
	var b strings.Builder
	b.WriteString("    Wide:\n      type: object\n      properties:\n")
	for i := range n {
		fmt.Fprintf(&b, "        f%d: {type: integer}\n", i)
	}
	return b.String()
}

// codecTest fills every generated struct with random values, many times,
// and compares what the generated MarshalJSON writes with what
// encoding/json writes for the same fields by reflection; then reads it
// back with the generated decoder and writes it again.
const codecTest = `package codecpkg

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// plain is v's struct with no methods: encoding/json writes it by
// reflection (its members' own types still use their MarshalJSON, which
// the same test checks for each of them).
func plain(v reflect.Value) any {
	t := v.Type()
	fields := make([]reflect.StructField, t.NumField())
	for i := range fields {
		fields[i] = t.Field(i)
	}
	return v.Convert(reflect.StructOf(fields)).Interface()
}

// marshal is encoding/json with HTML escaping off, as the generated code
// writes; json.Marshal would escape both sides alike and hide a
// difference.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

var runes = []rune{'a', 'Z', '0', ' ', '"', '\\', '/', '<', '>', '&', '\n', '\t', '\b', '\f', 0, 0x1f, 0x7f, 'é', '南', '\u2028', '\u2029', 0x1F600, 0xFFFD}

func fill(v reflect.Value, r *rand.Rand, depth int) {
	switch v.Kind() {
	case reflect.String:
		n := r.IntN(6)
		var b []byte
		for range n {
			if r.IntN(12) == 0 {
				b = append(b, 0xff) // invalid UTF-8
				continue
			}
			b = append(b, string(runes[r.IntN(len(runes))])...)
		}
		v.SetString(string(b))
	case reflect.Int32, reflect.Int64:
		switch r.IntN(3) {
		case 0:
			v.SetInt(0)
		case 1:
			v.SetInt(int64(r.IntN(100)) - 50)
		default:
			if v.Kind() == reflect.Int32 {
				v.SetInt(int64(int32(r.Uint32())))
			} else {
				v.SetInt(int64(r.Uint64()))
			}
		}
	case reflect.Float64:
		switch r.IntN(5) {
		case 0:
			v.SetFloat(0)
		case 1:
			v.SetFloat(math.Copysign(0, -1))
		case 2:
			v.SetFloat(r.NormFloat64() * math.Pow(10, float64(r.IntN(60)-30)))
		default:
			v.SetFloat(math.Float64frombits(r.Uint64() &^ (0x7ff << 52) | uint64(r.IntN(0x7fe)) << 52))
		}
	case reflect.Bool:
		v.SetBool(r.IntN(2) == 0)
	case reflect.Pointer:
		if depth > 3 || r.IntN(3) == 0 {
			v.SetZero()
			return
		}
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), r, depth+1)
		v.Set(p)
	case reflect.Slice:
		if v.Type() == reflect.TypeFor[json.RawMessage]() {
			raws := []string{"", "null", "1", " {\"a\" : [1, \"<&>\"]} ", "\"x\""}
			if s := raws[r.IntN(len(raws))]; s != "" {
				v.SetBytes([]byte(s))
			} else {
				v.SetZero()
			}
			return
		}
		if depth > 3 || r.IntN(4) == 0 {
			v.SetZero()
			return
		}
		n := r.IntN(3)
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := range n {
			fill(s.Index(i), r, depth+1)
		}
		v.Set(s)
	case reflect.Map:
		if depth > 3 || r.IntN(4) == 0 {
			v.SetZero()
			return
		}
		m := reflect.MakeMap(v.Type())
		for range r.IntN(3) {
			k := reflect.New(v.Type().Key()).Elem()
			fill(k, r, depth+1)
			e := reflect.New(v.Type().Elem()).Elem()
			fill(e, r, depth+1)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Interface:
		anys := []any{nil, "s<>", 1.5, true, map[string]any{"k": []any{"v", 2.0}}}
		if x := anys[r.IntN(len(anys))]; x != nil {
			v.Set(reflect.ValueOf(x))
		} else {
			v.SetZero()
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[Members]() {
			return // what the sender did, not a value; TestMembers checks it
		}
		for i := range v.NumField() {
			fill(v.Field(i), r, depth+1)
		}
	}
}

func TestCodecAgreesWithEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, model := range models {
		typ := reflect.TypeOf(model).Elem()
		for range 300 {
			v := reflect.New(typ)
			fill(v.Elem(), r, 0)
			got, gotErr := v.Interface().(json.Marshaler).MarshalJSON()
			want, wantErr := marshal(plain(v.Elem()))
			if (gotErr != nil) != (wantErr != nil) || !bytes.Equal(got, want) {
				t.Fatalf("%s:\n got %s, %v\nwant %s, %v", typ, got, gotErr, want, wantErr)
			}
			if gotErr != nil {
				continue
			}
			// The decoder reads back what the encoder wrote: writing it
			// again changes nothing but the values the lenient reading
			// takes as absent ("" and null).
			back := reflect.New(typ)
			if err := json.Unmarshal(got, back.Interface()); err != nil {
				// A decimal held as text may hold any text; the reader
				// refuses what is not a number, and only that.
				if strings.Contains(err.Error(), ": not a decimal number: ") {
					continue
				}
				t.Fatalf("%s: reading back %s: %v", typ, got, err)
			}
			again, err := back.Interface().(json.Marshaler).MarshalJSON()
			if err != nil {
				t.Fatalf("%s: writing again: %v", typ, err)
			}
			if len(again) > len(got) {
				t.Fatalf("%s: read back and written again grew:\n%s\n%s", typ, got, again)
			}
		}
	}
}
`

// membersTest checks, in the package of codecShapes, what a model keeps
// of what the sender did: members null, absent and undocumented, read,
// written again, sent by the client and answered by the server over HTTP.
const membersTest = `package codecpkg

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestMembers(t *testing.T) {
	var s Shapes
	body := ` + "`" + `{"id":1,"must":"x","mustPtr":null,"tags":[],"newField":{"a":[1,"<&>"]},"tree":{"name":"n","extra2":true}}` + "`" + `
	if err := json.Unmarshal([]byte(body), &s); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name             string
		sent, null, has  bool
	}{
		{"must", true, false, true},
		{"mustPtr", true, true, false},
		{"ok", false, false, false},
		{"tags", true, false, true},
		{"newField", true, false, true},
	} {
		if s.JSON.Sent(c.name) != c.sent || s.JSON.IsNull(c.name) != c.null || s.JSON.Has(c.name) != c.has {
			t.Errorf("%s: sent %v null %v has %v, want %v %v %v", c.name, s.JSON.Sent(c.name), s.JSON.IsNull(c.name), s.JSON.Has(c.name), c.sent, c.null, c.has)
		}
	}
	if got := string(s.JSON.Extra["newField"]); got != ` + "`" + `{"a":[1,"<&>"]}` + "`" + ` {
		t.Errorf("newField = %s", got)
	}
	var w Wide
	if err := json.Unmarshal([]byte(` + "`" + `{"f1":1,"f63":null,"f64":2,"f69":null}` + "`" + `), &w); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string][3]bool{"f1": {true, false, true}, "f63": {true, true, false}, "f64": {true, false, true}, "f65": {}, "f69": {true, true, false}} {
		if got := [3]bool{w.JSON.Sent(name), w.JSON.IsNull(name), w.JSON.Has(name)}; got != want {
			t.Errorf("wide %s: sent, null, has %v, want %v", name, got, want)
		}
	}
	if got := string(s.Tree.JSON.Extra["extra2"]); got != "true" {
		t.Errorf("tree.extra2 = %s", got)
	}
	out, err := s.MarshalJSON()
	if err != nil || !strings.Contains(string(out), ` + "`" + `,"newField":{"a":[1,"<&>"]}` + "`" + `) || !strings.Contains(string(out), ` + "`" + `"extra2":true` + "`" + `) {
		t.Errorf("written again: %s, %v", out, err)
	}

	// Sent: members the spec does not list; one it lists is not sent twice.
	one := int32(1)
	req := Shapes{Must: "m", MustPtr: &one, When: "2024-03-01T09:00:00Z", List: []int64{1}}
	if err := req.JSON.SetExtra("vendor_flag", 5); err != nil {
		t.Fatal(err)
	}
	_ = req.JSON.SetExtra("must", "twice")
	srv := httptest.NewServer(NewHandler(echo{t}))
	defer srv.Close()
	res, err := NewClient(srv.URL).PutShapes(context.Background(), &req)
	if err != nil {
		t.Fatal(err)
	}
	if string(res.JSON.Extra["vendor_flag"]) != "5" || res.Must != "m" || !res.JSON.Has("vendor_flag") {
		t.Errorf("answer: %+v", res)
	}
}

// echo answers with the request, as the server read it.
type echo struct{ t *testing.T }

func (e echo) PutShapes(ctx context.Context, req *Shapes) (*Shapes, error) {
	if string(req.JSON.Extra["vendor_flag"]) != "5" {
		e.t.Errorf("the server read %+v", req.JSON.Extra)
	}
	return req, nil
}
`

// TestCodec generates packages from the seed specs and from codecShapes and
// runs codecTest in each, over every struct the generator wrote.
func TestCodec(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles generated packages")
	}
	specs := map[string]string{"shapes": ""}
	seeds, _ := filepath.Glob("../generated/*/openapi.yaml")
	for _, s := range seeds {
		specs[filepath.Base(filepath.Dir(s))] = s
	}
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("module codec\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, path := range specs {
		src := []byte(codecShapes)
		if path != "" {
			var err error
			if src, err = os.ReadFile(path); err != nil {
				t.Fatal(err)
			}
		}
		doc, lines, ld := oas.LoadDataLines(name+".yaml", src)
		if doc == nil {
			t.Fatalf("%s does not load: %v", name, ld)
		}
		files, gd := generator.Generate(doc, generator.Options{Package: "codecpkg", Source: name + ".yaml", Lines: lines})
		if gd.HasErrors() {
			t.Fatalf("%s: %v", name, gd)
		}
		models := structsWithMarshalJSON(t, files["types.go"])
		if len(models) < 2 {
			t.Fatalf("%s: only %d models", name, len(models))
		}
		list := "package codecpkg\n\nvar models = []any{\n"
		for _, m := range models {
			list += "\tnew(" + m + "),\n"
		}
		files["models_test.go"] = []byte(list + "}\n")
		files["codec_test.go"] = []byte(codecTest)
		if path == "" {
			files["members_test.go"] = []byte(membersTest)
		}
		dir := filepath.Join(root, name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for f, b := range files {
			if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	cmd := exec.Command("go", "test", "-count=1", "./...")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOFLAGS=", "GOPROXY=off", "GOWORK=off", "GOTOOLCHAIN=local")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go test: %v\n%s", err, out)
	}
	if n := strings.Count(string(out), "ok  \tcodec/"); n != len(specs) {
		t.Fatalf("%d packages passed, want %d:\n%s", n, len(specs), out)
	}
}

// structsWithMarshalJSON lists the types of a generated types.go that
// have a MarshalJSON method.
func structsWithMarshalJSON(t *testing.T, src []byte) []string {
	f, err := goparser.ParseFile(token.NewFileSet(), "types.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Recv == nil || fn.Name.Name != "MarshalJSON" {
			continue
		}
		if id, ok := fn.Recv.List[0].Type.(*ast.Ident); ok {
			out = append(out, id.Name)
		}
	}
	return out
}
