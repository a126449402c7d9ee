package oas

import (
	"github.com/getkin/kin-openapi/openapi3"
)

// ogen refuses an object in which two properties get the same Go name (a
// vendor's license_no beside _license_no) and reads no x-go-name. The
// published spec already names the later one (x-go-name: LicenseNo2); the
// 3.0 variant, written for generators like ogen, repeats those names
// where ogen looks for them.
//
// ogenNames lists the x-go-name of each property of s in ogen's form.
func ogenNames(s *openapi3.Schema) {
	names := map[string]any{}
	for name, prop := range s.Properties {
		if prop == nil || prop.Value == nil || prop.Ref != "" {
			continue // a reference's x-go-name is the type's, not the field's
		}
		if goName, ok := prop.Value.Extensions[ExtGoName].(string); ok && goName != "" {
			names[name] = map[string]any{"name": goName}
		}
	}
	if len(names) == 0 {
		return
	}
	if s.Extensions == nil {
		s.Extensions = map[string]any{}
	}
	s.Extensions[ExtOgenProperties] = names
}
