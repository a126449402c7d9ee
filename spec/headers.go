package spec

import (
	"regexp"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/parser"
)

// contentType reports a request header row naming the body's media type.
// The row stays a header parameter, as the doc lists it (OpenAPI ignores
// header parameters named Content-Type and Accept: the client sets them),
// and says what the body is.
func contentType(f *parser.Field) bool {
	return f.In == "header" && strings.EqualFold(strings.TrimSpace(f.Name), "content-type")
}

// mediaType finds a media type a row names (值为application/json,
// 固定值："application/json; charset=utf-8", 请求类型: multipart/form-data).
var mediaType = regexp.MustCompile(`(?i)\b(application|multipart|text)/[a-z0-9.+-]+`)

// formBodies are the body media types apigen writes besides JSON: a doc
// whose Content-Type row names one sends its body's fields as a form.
var formBodies = map[string]bool{"application/x-www-form-urlencoded": true, "multipart/form-data": true}

// requestMedia is the body media type a request's Content-Type row names,
// when it is a form; "" otherwise (the body is JSON).
func requestMedia(ep *parser.Endpoint) string {
	for _, t := range ep.Request {
		for _, f := range t.Fields {
			if !contentType(f) {
				continue
			}
			texts := []string{f.Description}
			for _, c := range f.Extra {
				texts = append(texts, c.Value)
			}
			for _, text := range texts {
				if m := strings.ToLower(mediaType.FindString(text)); formBodies[m] {
					return m
				}
			}
		}
	}
	return ""
}

// setBodyMedia moves a JSON request body to the form media type the doc
// names.
func setBodyMedia(body *openapi3.RequestBodyRef, media string) {
	if body == nil || body.Value == nil || media == "" {
		return
	}
	if mt := body.Value.Content.Get("application/json"); mt != nil {
		body.Value.Content = openapi3.Content{media: mt}
	}
}
