package source

// Apifox (apifox.com, apifox.cn) publishes docs as share links
// (apifox.com/apidoc/shared-{uuid}[/api-{id}], the older
// www.apifox.cn/apidoc/shared-… and /apidoc/project-{id}) and as doc sites
// on a subdomain ({name}.apifox.cn) or the owner's own domain. Every one is
// a script shell whose pages the script loads from Apifox's own API
// (api.apifox.com), which answers the web app, not guests: no public data
// endpoint was found. Apifox's open API (api.apifox.com/v1/projects/{id}/
// export-openapi) exports a project, but only with the project's access
// token (seen in the Apifox clients alova-wormhole's plugin and
// apifox-openapi use), so the remedy is the export. Closed source: the
// URL shapes are Apifox's public links, not read from code.

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

func init() {
	register(&platform{name: "apifox", detect: apifoxDetect, byURL: apifoxByURL, read: readApifox})
}

var (
	apifoxSharePath = regexp.MustCompile(`(?i)^/apidoc/(?:shared|project)[-/]`)
	// Assets from Apifox's CDN or a generator mark a doc site on a domain
	// of the owner's.
	apifoxMarkers = regexp.MustCompile(`(?i)<script[^>]+src="[^"]*\bapifox(?:cdn)?\.(?:cn|com)/|<meta[^>]+content="apifox`)
)

// apifoxHost returns the Apifox domain u is on, "" when none.
func apifoxHost(u *url.URL) (sub string, ok bool) {
	h := strings.ToLower(u.Hostname())
	for _, d := range []string{"apifox.com", "apifox.cn"} {
		if h == d {
			return "", true
		}
		if strings.HasSuffix(h, "."+d) {
			return strings.TrimSuffix(h, "."+d), true
		}
	}
	return "", false
}

func apifoxByURL(u *url.URL) bool {
	sub, ok := apifoxHost(u)
	if !ok {
		return false
	}
	switch sub {
	case "", "www":
		return apifoxSharePath.MatchString(u.Path)
	case "api", "app", "cdn", "docs":
		// The API, the web app, assets and Apifox's own help pages.
		return false
	}
	return true // a doc site published on a subdomain
}

func apifoxDetect(_ *url.URL, page []byte) bool { return apifoxMarkers.Match(page) }

func readApifox(_ context.Context, _ *reader, u *url.URL, _ []byte) ([]Doc, error) {
	return nil, fmt.Errorf("Apifox shared docs (%s) are loaded by a script from Apifox's own API, which apigen cannot read; export the project from Apifox (Project Settings → Export → OpenAPI/Swagger, or Markdown) and list the file, or give the exported URL", u)
}
