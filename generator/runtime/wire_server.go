package runtime

import (
	"bytes"
	"encoding/json"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
)

// maxFormMemory bounds what a multipart form keeps in memory while it is
// read; the body itself is already limited by the handler.
const maxFormMemory = 1 << 20

// splitParam reads the items of a list parameter sent as one value.
func splitParam(values []string, sep string) []string {
	var out []string
	for _, v := range values {
		if v == "" {
			continue
		}
		out = append(out, strings.Split(v, sep)...)
	}
	return out
}

// formJSON reads a form body, url-encoded or multipart as its content
// type says, as the JSON object the lenient decoders read: a field given
// once is a string, a repeated field a list of strings. A body of any
// other type is returned as it is, so a JSON body is read as JSON.
func formJSON(body []byte, contentType string) ([]byte, error) {
	media, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return body, nil
	}
	var values url.Values
	switch media {
	case "application/x-www-form-urlencoded":
		if values, err = url.ParseQuery(string(body)); err != nil {
			return nil, err
		}
	case "multipart/form-data":
		form, err := multipart.NewReader(bytes.NewReader(body), params["boundary"]).ReadForm(maxFormMemory)
		if err != nil {
			return nil, err
		}
		defer form.RemoveAll()
		values = form.Value
	default:
		return body, nil
	}
	obj := make(map[string]any, len(values))
	for k, vs := range values {
		if len(vs) == 1 {
			obj[k] = vs[0]
		} else {
			obj[k] = vs
		}
	}
	return json.Marshal(obj)
}

// statusWriter answers a success with the status the spec documents for
// it (201 Created, 202 Accepted) instead of the 200 or 204 a reply
// writes; other statuses pass through.
type statusWriter struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (w *statusWriter) WriteHeader(code int) {
	if w.wrote {
		return
	}
	w.wrote = true
	if code == http.StatusOK || code == http.StatusNoContent {
		code = w.status
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}
