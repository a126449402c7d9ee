package runtime

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/iotest"
)

// readAll reads the whole body whatever length the request declares.
func TestReadAllWhateverTheDeclaredSize(t *testing.T) {
	body := strings.Repeat("0123456789", 100)
	for _, size := range []int64{-1, 0, 1, 999, 1000, 1001, 5000} {
		for name, r := range map[string]io.Reader{
			"whole":        strings.NewReader(body),
			"byte by byte": iotest.OneByteReader(strings.NewReader(body)),
			"data and EOF": iotest.DataErrReader(strings.NewReader(body)),
		} {
			got, err := readAll(r, size, 1<<20)
			if err != nil || string(got) != body {
				t.Errorf("size %d, %s: %d bytes, %v", size, name, len(got), err)
			}
		}
	}
	boom := errors.New("boom")
	if _, err := readAll(iotest.ErrReader(boom), 10, 1<<20); !errors.Is(err, boom) {
		t.Errorf("error = %v, want boom", err)
	}
}

// The body limit holds whatever the request declares.
func TestReadBodyLimit(t *testing.T) {
	s := newServerCore(waiqinEnvelope, []ServerOption{WithMaxBodyBytes(10)})
	for _, declared := range []int64{-1, 5, 10, 11} {
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{"a":"0123456789"}`))
		r.ContentLength = declared
		w := httptest.NewRecorder()
		if _, ok := s.readBody(w, r, "M1"); ok || w.Code != http.StatusRequestEntityTooLarge {
			t.Errorf("declared %d: read %v, %d %s", declared, ok, w.Code, w.Body)
		}
	}
}

// Answers are built in reused buffers: each is whole and its own, a
// large one followed by a small one included.
func TestRepliesDoNotShareBytes(t *testing.T) {
	s := newServerCore(waiqinEnvelope, nil)
	for _, data := range []string{`{"big":"` + strings.Repeat("x", 5000) + `"}`, `{"a":1}`, `null`, `[1,2]`} {
		w := httptest.NewRecorder()
		s.reply(w, httptest.NewRequest(http.MethodPost, "/", nil), json.RawMessage(data), "M1")
		want := string(waiqinEnvelope.wrap(nil, waiqinEnvelope.success[0], "ok", "M1", waiqinEnvelope.failureIsText, []byte(data)))
		if w.Body.String() != want || w.Header().Get("Content-Type") != "application/json" {
			t.Fatalf("answer %.60s… (%s), want %.60s…", w.Body, w.Header(), want)
		}
		w = httptest.NewRecorder()
		s.fail(w, httptest.NewRequest(http.MethodPost, "/", nil), http.StatusBadRequest, "", "bad", "M2")
		if !bytes.Contains(w.Body.Bytes(), []byte(`"bad"`)) || bytes.Contains(w.Body.Bytes(), []byte("xxx")) {
			t.Fatalf("failure %s", w.Body)
		}
	}
	// An answer's Content-Type is its own: changing it in place changes
	// no other answer's.
	w := httptest.NewRecorder()
	s.reply(w, httptest.NewRequest(http.MethodPost, "/", nil), nil, "M1")
	w.Header()["Content-Type"][0] = "text/plain"
	w = httptest.NewRecorder()
	s.reply(w, httptest.NewRequest(http.MethodPost, "/", nil), nil, "M1")
	if got := w.Header().Get("Content-Type"); got != "application/json" {
		t.Fatalf("Content-Type = %q after another answer's was changed", got)
	}
}
