package runtime

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"mime/multipart"
	"slices"
	"strings"
)

// joinParam writes the items of a list parameter as one value, as the
// parameter's style says (comma-separated for path and header lists and
// for query lists with explode: false).
func joinParam[T any](items []T, sep string) string {
	parts := make([]string, len(items))
	for i, v := range items {
		parts[i] = formatParam(v)
	}
	return strings.Join(parts, sep)
}

// marshalMultipart encodes a flat struct as multipart/form-data: its JSON
// members become fields, lists and objects as their JSON text. It returns
// the body and its content type, which carries the boundary.
func marshalMultipart(v any) ([]byte, string, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, "", err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, "", fmt.Errorf("form body must be an object: %w", err)
	}
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for _, k := range slices.Sorted(maps.Keys(m)) {
		s, err := textOf(m[k])
		if err != nil {
			return nil, "", err
		}
		if err := w.WriteField(k, s); err != nil {
			return nil, "", err
		}
	}
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return b.Bytes(), w.FormDataContentType(), nil
}
