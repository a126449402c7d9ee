package oas

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"unsafe"

	"github.com/getkin/kin-openapi/openapi3"
)

// checkReload holds Reload to what writing and reading the spec gives:
// the same YAML and model, down to unexported fields and the Go types of
// values; and to taking doc apart when it copies it.
func checkReload(t *testing.T, name string, doc *openapi3.T) (copied bool) {
	t.Helper()
	var text bytes.Buffer
	if err := Write(&text, doc, "yaml"); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	want, wantLines, _ := LoadDataLines(name, text.Bytes())
	check := &reloader{}
	check.doc(doc)
	copied = !check.unsupported
	got, diags, err := Reload(name, doc)
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return false
	}
	if !bytes.Equal(got.YAML, text.Bytes()) {
		t.Errorf("%s: Reload's YAML differs from Write's: %s", name, firstDiff(string(got.YAML), text.String()))
	}
	if (got.Spec == nil) != (want == nil) {
		t.Errorf("%s: loaded %v (%v), want %v", name, got.Spec != nil, diags, want != nil)
		return false
	}
	if diff := deepDiff(reflect.ValueOf(got.Spec), reflect.ValueOf(want), "doc", map[[2]uintptr]bool{}); diff != "" {
		t.Errorf("%s: Reload differs from reading the written spec: %s", name, diff)
	}
	if !reflect.DeepEqual(got.Lines, wantLines) {
		t.Errorf("%s: Reload's lines differ from the written spec's", name)
	}
	if copied && (doc.Paths.Len() != 0 || len(doc.Webhooks) != 0 || doc.Components != nil && len(doc.Components.Schemas) != 0) {
		t.Errorf("%s: Reload kept %d paths, %d webhooks and the component schemas of the spec it copied", name, doc.Paths.Len(), len(doc.Webhooks))
	}
	return copied
}

// deepDiff names the first place where a and b differ, unexported fields
// included; "" when they do not.
func deepDiff(a, b reflect.Value, at string, seen map[[2]uintptr]bool) string {
	if a.IsValid() != b.IsValid() {
		return fmt.Sprintf("%s: valid %v vs %v", at, a.IsValid(), b.IsValid())
	}
	if !a.IsValid() {
		return ""
	}
	if a.Type() != b.Type() {
		return fmt.Sprintf("%s: type %s vs %s", at, a.Type(), b.Type())
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice:
		if a.IsNil() != b.IsNil() {
			return fmt.Sprintf("%s: nil %v vs %v", at, a.IsNil(), b.IsNil())
		}
		if a.IsNil() {
			return ""
		}
		if a.Kind() != reflect.Slice {
			key := [2]uintptr{uintptr(a.UnsafePointer()), uintptr(b.UnsafePointer())}
			if seen[key] {
				return ""
			}
			seen[key] = true
		}
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.Kind() == reflect.Interface && a.IsNil() != b.IsNil() {
			return fmt.Sprintf("%s: nil %v vs %v", at, a.IsNil(), b.IsNil())
		}
		return deepDiff(a.Elem(), b.Elem(), at, seen)
	case reflect.Struct:
		for i := range a.NumField() {
			if d := deepDiff(field(a, i), field(b, i), at+"."+a.Type().Field(i).Name, seen); d != "" {
				return d
			}
		}
		return ""
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s: length %d vs %d", at, a.Len(), b.Len())
		}
		for i := range a.Len() {
			if d := deepDiff(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", at, i), seen); d != "" {
				return d
			}
		}
		return ""
	case reflect.Map:
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s: %d entries vs %d (%v vs %v)", at, a.Len(), b.Len(), a.MapKeys(), b.MapKeys())
		}
		keys := a.MapKeys()
		slices.SortFunc(keys, func(x, y reflect.Value) int { return cmpKeys(x, y) })
		for _, k := range keys {
			bv := b.MapIndex(k)
			if !bv.IsValid() {
				return fmt.Sprintf("%s: key %v only in the first", at, k)
			}
			if d := deepDiff(a.MapIndex(k), bv, fmt.Sprintf("%s[%v]", at, k), seen); d != "" {
				return d
			}
		}
		return ""
	case reflect.Func:
		if a.IsNil() != b.IsNil() {
			return fmt.Sprintf("%s: func nil %v vs %v", at, a.IsNil(), b.IsNil())
		}
		return ""
	}
	if fmt.Sprint(a) != fmt.Sprint(b) || a.Kind() == reflect.Float64 && a.Float() == 0 && (1/a.Float() > 0) != (1/b.Float() > 0) {
		return fmt.Sprintf("%s: %#v vs %#v", at, a, b)
	}
	return ""
}

func cmpKeys(x, y reflect.Value) int {
	a, b := fmt.Sprint(x), fmt.Sprint(y)
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// field reads a struct field, exported or not.
func field(v reflect.Value, i int) reflect.Value {
	f := v.Field(i)
	if f.CanInterface() {
		return f
	}
	if v.CanAddr() {
		return reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
	}
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	f = c.Field(i)
	return reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
}

// Reload gives what writing and reading gives for every spec in
// testdata, and copies (rather than writes and reads) most of them.
func TestReloadMatchesReading(t *testing.T) {
	var files []string
	err := filepath.WalkDir(filepath.Join("..", "..", "testdata"), func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && slices.Contains([]string{".yaml", ".yml", ".json"}, filepath.Ext(path)) {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	loaded, copied := 0, 0
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil || !IsSpec(data) {
			continue
		}
		doc, _ := LoadData(path, data)
		if doc == nil {
			continue
		}
		loaded++
		if checkReload(t, path, doc) {
			copied++
		}
	}
	t.Logf("copied %d of %d", copied, loaded)
	if copied < loaded*9/10 {
		t.Errorf("Reload copied %d of %d specs", copied, loaded)
	}
}
