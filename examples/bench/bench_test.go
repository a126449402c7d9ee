package bench_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/apigen/apigen/generated/waiqin"
)

// The benchmarks are named Benchmark<What>/<operation>/<contender>, and
// set the body's size as bytes per op, for cmd/benchtable.

// BenchmarkDecode reads each body into a typed value and checks it, each
// contender its own way:
//
//   - generated: the generated type's UnmarshalJSON, then Validate;
//   - map: encoding/json into a map[string]any (no types, no rules);
//   - plain: encoding/json into the hand-written struct (types, no rules);
//   - ogen: ogen's Decode and the trailing-data check, then Validate;
//   - openapi3filter: kin-openapi validating the request against the
//     spec (it decodes the body into interface values first).
func BenchmarkDecode(b *testing.B) {
	for _, c := range loadBodies(b) {
		run := func(name string, f func() error) {
			b.Run(c.op+"/"+name, func(b *testing.B) {
				b.SetBytes(int64(len(c.json)))
				b.ReportAllocs()
				for b.Loop() {
					if err := f(); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		run("generated", func() error {
			v, err := c.generated(c.json)
			if err != nil {
				return err
			}
			return v.Validate()
		})
		run("map", func() error {
			var m map[string]any
			return json.Unmarshal(c.json, &m)
		})
		run("plain", func() error {
			_, err := c.plain(c.json)
			return err
		})
		run("ogen", func() error {
			v, err := c.ogen(c.json)
			if err != nil {
				return err
			}
			return v.Validate()
		})
		run("openapi3filter", func() error {
			return openapi3filter.ValidateRequest(context.Background(), c.kin)
		})
	}
}

// BenchmarkValidate checks a decoded valid value, without decoding.
func BenchmarkValidate(b *testing.B) {
	for _, c := range loadBodies(b) {
		gen, err := c.generated(c.json)
		if err != nil {
			b.Fatal(err)
		}
		og, err := c.ogen(c.json)
		if err != nil {
			b.Fatal(err)
		}
		for _, v := range []struct {
			name  string
			value validatable
		}{{"generated", gen}, {"ogen", og}} {
			b.Run(c.op+"/"+v.name, func(b *testing.B) {
				b.SetBytes(int64(len(c.json)))
				b.ReportAllocs()
				for b.Loop() {
					if err := v.value.Validate(); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkHandler serves the Waiqin bodies in process:
//
//   - generated: waiqin.NewHandler on the mock, with its verifier: routing,
//     body limit, signature and replay check, lenient decoding,
//     validation, the mock and the envelope. Each request is signed a
//     second after the last on a clock that moves with it, or the replay
//     check refuses it; the client's signing is done ahead, off the clock
//     (signedBatches), the server's check of it in the loop.
//   - nethttp: a ServeMux on the same path pattern and a handler that
//     reads the body, decodes it with encoding/json into the plain struct
//     and answers a small envelope: no signature, no rules.
//   - floor: the least any handler does, served the same way: a fixed
//     envelope with its content type, no routing, the body not read. What
//     the loop costs with it (the recorder, the answer) every handler
//     pays, so nethttp/floor is the most any handler can gain over
//     nethttp on this body.
//   - verify: the verifier's signature and replay check alone, on the
//     body and credentials the generated handler hands it: what a handler
//     that checks the vendor's signature pays on top of the floor.
func BenchmarkHandler(b *testing.B) {
	cst := time.FixedZone("CST", 8*3600)
	for _, c := range loadBodies(b) {
		if c.api != "waiqin" {
			continue
		}
		prefix := strings.TrimSuffix(c.route, "/{openid}/{timestamp}/{digest}/{msg_id}") + "/" + openID + "/"
		b.Run(c.op+"/generated", func(b *testing.B) {
			var h http.Handler
			var paths [signBatch]string
			s := &signedBatches{body: c.json, start: time.Date(2024, 3, 1, 9, 0, 0, 0, cst), fresh: func(s *signedBatches, v *waiqin.WaiqinVerifier) {
				for k := range paths {
					paths[k] = prefix + s.ts[k] + "/" + s.digests[k] + "/M1"
				}
				h = waiqin.NewHandler(waiqin.Mock{}, waiqin.WithVerifier(v))
			}}
			s.sign()
			body := bytes.NewReader(c.json)
			req := signedRequest(prefix, body, len(c.json))
			b.SetBytes(int64(len(c.json)))
			b.ReportAllocs()
			for b.Loop() {
				req.URL.Path = paths[s.next(b)]
				body.Reset(c.json)
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("%d %s", w.Code, w.Body)
				}
			}
		})
		b.Run(c.op+"/nethttp", func(b *testing.B) {
			mux := http.NewServeMux()
			mux.HandleFunc("POST "+c.route, c.serveHandWritten)
			serveEach(b, mux, c.json, path(c.route))
		})
		b.Run(c.op+"/verify", func(b *testing.B) {
			var v *waiqin.WaiqinVerifier
			var creds [signBatch]map[string]string
			s := &signedBatches{body: c.json, start: time.Date(2024, 3, 1, 9, 0, 0, 0, cst), fresh: func(s *signedBatches, fresh *waiqin.WaiqinVerifier) {
				for k := range creds {
					creds[k] = map[string]string{"openid": openID, "timestamp": s.ts[k], "digest": s.digests[k], "msg_id": "M1"}
				}
				v = fresh
			}}
			s.sign()
			ctx := context.Background()
			b.SetBytes(int64(len(c.json)))
			b.ReportAllocs()
			for b.Loop() {
				if err := v.Verify(ctx, &waiqin.VerifyRequest{Body: c.json, Creds: creds[s.next(b)]}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(c.op+"/floor", func(b *testing.B) {
			answer := []byte(`{"return_code":"0","return_msg":"ok","msg_id":"M1","response_data":null}` + "\n")
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write(answer)
			})
			serveEach(b, h, c.json, path(c.route))
		})
	}
}

// serveEach serves h the same request for body at target in the loop,
// through a recorder, as a server hands a handler each request.
func serveEach(b *testing.B, h http.Handler, body []byte, target string) {
	r := bytes.NewReader(body)
	req := signedRequest(target, r, len(body))
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		r.Reset(body)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("%d %s", w.Code, w.Body)
		}
	}
}

// signBatch is how many requests signedBatches signs at a time.
const signBatch = 256

// signedBatches hands out requests signed ahead, a batch at a time, so
// that a loop measures the server alone: each request needs a timestamp
// of its own (the replay check refuses a repeat) within the verifier's
// window, each a second after the last, and each batch gets a fresh
// verifier and replay store (fresh sets them up with the batch's
// timestamps and digests).
type signedBatches struct {
	body        []byte
	start, now  time.Time
	stamps      [signBatch]time.Time
	ts, digests [signBatch]string
	used        int
	fresh       func(s *signedBatches, v *waiqin.WaiqinVerifier)
}

func (s *signedBatches) sign() {
	for k := range s.stamps {
		s.start = s.start.Add(time.Second)
		s.stamps[k] = s.start
		s.ts[k] = s.start.Format("20060102150405")
		s.digests[k] = waiqin.WaiqinDigest(s.body, appKey, s.ts[k])
	}
	s.used = 0
	s.fresh(s, &waiqin.WaiqinVerifier{AppKeys: map[string]string{openID: appKey}, Now: func() time.Time { return s.now }})
}

// next is the index of the next signed request, with the verifier's clock
// at its time; a used-up batch is followed by a new one, signed off the
// clock.
func (s *signedBatches) next(b *testing.B) int {
	if s.used == signBatch {
		b.StopTimer()
		s.sign()
		b.StartTimer()
	}
	k := s.used
	s.used++
	s.now = s.stamps[k]
	return k
}

// signedRequest is the request both handlers are served, reused from
// one iteration to the next (the loop rewinds body). It declares the
// body's length, as every request a server hands a handler does when the
// client sent Content-Length (and Go's client does for a body of known
// size): httptest.NewRequest cannot see the length through the
// io.NopCloser that keeps the reused body open.
func signedRequest(target string, body io.Reader, size int) *http.Request {
	req := httptest.NewRequest(http.MethodPost, target, io.NopCloser(body))
	req.Header.Set("Content-Type", "application/json")
	req.ContentLength = int64(size)
	return req
}
