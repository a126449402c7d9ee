package oas

import (
	"encoding/json"
	"fmt"

	"github.com/apigen/apigen/spec/profile"
	"github.com/getkin/kin-openapi/openapi3"
)

// SetEnvelope writes e into t as x-apigen-envelope, on the document:
// the wrapper every response of the API comes in.
func SetEnvelope(t *openapi3.T, e *profile.Envelope) { setExt(t, ExtEnvelope, e) }

// SetAuth writes a into t as x-apigen-auth, on the document: how requests
// are authenticated, with the public source of the recipe.
func SetAuth(t *openapi3.T, a *profile.Auth) { setExt(t, ExtAuth, a) }

// Envelope reads t's x-apigen-envelope: nil when there is none, an error
// when it is not of the documented shape.
func Envelope(t *openapi3.T) (*profile.Envelope, error) {
	var e profile.Envelope
	ok, err := getExt(t, ExtEnvelope, &e)
	if !ok || err != nil {
		return nil, err
	}
	if e.Code == "" || len(e.Success) == 0 {
		return nil, fmt.Errorf("%s needs code and success", ExtEnvelope)
	}
	return e.Complete(), nil
}

// Auth reads t's x-apigen-auth, like Envelope; an unknown scheme is an
// error.
func Auth(t *openapi3.T) (*profile.Auth, error) {
	var a profile.Auth
	ok, err := getExt(t, ExtAuth, &a)
	if !ok || err != nil {
		return nil, err
	}
	if err := a.Check(); err != nil {
		return nil, fmt.Errorf("%s: %v", ExtAuth, err)
	}
	return &a, nil
}

// setExt stores v as the plain JSON value a loaded spec would hold, so a
// spec built in memory and one read from a file look the same to readers.
func setExt(t *openapi3.T, key string, v any) { setExtIn(&t.Extensions, key, v) }

func getExt(t *openapi3.T, key string, dst any) (bool, error) {
	if t == nil {
		return false, nil
	}
	return getExtIn(t.Extensions, key, dst)
}

// setExtIn stores v under key in an extension map (the document's, an
// operation's) as plain JSON values.
func setExtIn(ext *map[string]any, key string, v any) {
	raw, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("oas: %s does not marshal: %v", key, err)) // the types above always do
	}
	var plain any
	_ = json.Unmarshal(raw, &plain)
	if *ext == nil {
		*ext = map[string]any{}
	}
	(*ext)[key] = plain
}

// getExtIn decodes the value under key of an extension map into dst;
// false when there is none.
func getExtIn(ext map[string]any, key string, dst any) (bool, error) {
	v, ok := ext[key]
	if !ok {
		return false, nil
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return true, fmt.Errorf("%s: %v", key, err)
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		return true, fmt.Errorf("%s is not of the documented shape: %v", key, err)
	}
	return true, nil
}
