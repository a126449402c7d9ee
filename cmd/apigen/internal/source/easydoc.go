package source

// EasyDoc (easydoc.net, formerly easydoc.xyz) shares a project as
// /doc/{projectId}/{token}/{pageId} or /s/{code} links; the page is a
// script shell and its content comes from EasyDoc's own API behind the
// web app, with no public data endpoint apigen knows of. Closed source:
// the URL shapes are EasyDoc's public share links, not read from code.

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

func init() {
	register(&platform{name: "easydoc", detect: easydocDetect, byURL: easydocByURL, read: readEasyDoc})
}

var (
	easydocSharePath = regexp.MustCompile(`^/(?:doc|s|p)/[^/]+`)
	easydocMarkers   = regexp.MustCompile(`(?i)<script[^>]+src="[^"]*\beasydoc\.(?:net|xyz)/`)
)

func easydocByURL(u *url.URL) bool {
	h := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	return (h == "easydoc.net" || h == "easydoc.xyz") && easydocSharePath.MatchString(u.Path)
}

func easydocDetect(_ *url.URL, page []byte) bool { return easydocMarkers.Match(page) }

func readEasyDoc(_ context.Context, _ *reader, u *url.URL, _ []byte) ([]Doc, error) {
	return nil, fmt.Errorf("EasyDoc shared docs (%s) are loaded by a script from EasyDoc's own API, which apigen cannot read; export the project from EasyDoc (the project's export, as Markdown, HTML or an OpenAPI/Swagger file) and list the file, or give the exported URL", u)
}
