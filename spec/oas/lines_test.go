package oas

import "testing"

func TestLines(t *testing.T) {
	src := `openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /order/query:
    post:
      operationId: q
      responses:
        "200":
          description: ok
`
	_, lines, diags := LoadDataLines("t.yaml", []byte(src))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	for pointer, want := range map[string]int{
		"#/paths/~1order~1query":                               4,
		"#/paths/~1order~1query/post":                          5,
		"#/paths/~1order~1query/post/responses/200":            8,
		"#/paths/~1order~1query/post/responses/200/content":    8, // not written: the enclosing response
		"#/paths/~1order~1query/post/requestBody/content/x~1y": 5,
		"#/components/schemas/Missing":                         0,
	} {
		if got := lines.Line(pointer); got != want {
			t.Errorf("Line(%s) = %d, want %d", pointer, got, want)
		}
	}
}
