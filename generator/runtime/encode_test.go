package runtime

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"
)

// encodingJSON is encoding/json with HTML escaping off, as the generated
// encoders write.
func encodingJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

func FuzzAppendQuoted(f *testing.F) {
	for _, s := range []string{"", "a", `"\/`, "<&>", "\x00\x1f\x7f\b\f\n\r\t", "南京\u2028\u2029", "\xff\xe5\x8d", "\U0001F600"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := encodingJSON(s)
		if got := appendQuoted(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("%q: got %s, want %s", s, got, want)
		}
		want, _ = json.Marshal(s)
		if got := appendQuotedEscaping(nil, s, true); !bytes.Equal(got, want) {
			t.Fatalf("%q, escaping HTML: got %s, want %s", s, got, want)
		}
	})
}

func FuzzAppendFloat64(f *testing.F) {
	for _, x := range []float64{0, math.Copysign(0, -1), 1, -1.5, 1e-7, 1e-6, 1e20, 1e21, 123456789e-300, math.MaxFloat64, math.SmallestNonzeroFloat64} {
		f.Add(x)
	}
	f.Fuzz(func(t *testing.T, x float64) {
		want, wantErr := encodingJSON(x)
		got, err := appendFloat64(&x, nil)
		if (err != nil) != (wantErr != nil) || err == nil && !bytes.Equal(got, want) {
			t.Fatalf("%v: got %s, %v; want %s, %v", x, got, err, want, wantErr)
		}
	})
}

func TestAppendSliceAndMap(t *testing.T) {
	var none []string
	b, _ := appendSlice(nil, none, appendString)
	b = append(b, ' ')
	b, _ = appendSlice(b, []string{}, appendString)
	b = append(b, ' ')
	b, _ = appendMap(b, map[string]int64{"b": 2, "a": 1, "<": 0}, appendInt64)
	b = append(b, ' ')
	b, _ = appendMap(b, map[string]int64(nil), appendInt64)
	if want := `null [] {"<":0,"a":1,"b":2} null`; string(b) != want {
		t.Fatalf("got %s, want %s", b, want)
	}
	if _, err := appendRaw(&json.RawMessage{'{'}, nil); err == nil {
		t.Fatal("invalid raw JSON written")
	}
}
