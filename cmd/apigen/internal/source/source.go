// Package source turns a doc URL into the documents behind it. A vendor
// hands out the URL of a doc platform's page (a Swagger UI or Knife4j
// page, a ShowDoc project, a docsify site), and the page a browser shows
// is a script shell whose content the script loads: the documents are
// behind it, in the spec the UI loads, the platform's JSON API or the
// Markdown files the site renders. Each platform is one file here; the
// pipeline parses what Resolve returns.
package source

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/apigen/apigen/cmd/apigen/internal/fetch"
	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/diag"
)

// Doc is one document a URL stands for.
type Doc struct {
	// Origin is the URL the document was read from; diagnostics name it.
	Origin string
	// Body is what the parser reads (a page) or the spec loader (an
	// OpenAPI or Swagger document); for structured data, the raw answer.
	Body []byte
	// Parsed is set when the platform's structured data was read into a
	// document directly (ShowDoc's RunApi pages) and Body is not parsed.
	Parsed *parser.Document
	// Tag is the catalog folder the page sits in, "" when none.
	Tag string
}

// Getter downloads a URL; *fetch.Fetcher is one.
type Getter interface {
	Get(ctx context.Context, rawURL string) (fetch.Result, error)
}

// Options steer Resolve where the URL does not say.
type Options struct {
	// Platform names the platform instead of detecting it (Platforms).
	Platform string
	// Group picks one group of a Swagger UI that serves several.
	Group string
	// MaxPages and MaxDepth bound a crawl; zero takes the defaults.
	MaxPages, MaxDepth int
	// TokenEnv names the environment variable holding a private
	// project's token (YApi); the token is never written anywhere.
	TokenEnv string
	// Getenv reads the environment; nil means os.Getenv.
	Getenv func(string) string
}

// A platform reads the documents behind a URL. detect reports whether a
// page is the platform's (from the URL's shape or the page's markers);
// read returns the documents.
type platform struct {
	name   string
	detect func(u *url.URL, page []byte) bool
	read   func(ctx context.Context, r *reader, u *url.URL, page []byte) ([]Doc, error)
	// byURL: the URL's shape alone says the platform, so the page
	// itself is not downloaded first (a ShowDoc project URL).
	byURL func(u *url.URL) bool
}

// platforms are tried in order.
var platforms []*platform

// register adds a platform; each platform's file registers itself.
func register(p *platform) { platforms = append(platforms, p) }

// Platforms lists the platform names, for -h and config validation.
func Platforms() []string {
	names := make([]string, len(platforms))
	for i, p := range platforms {
		names[i] = p.name
	}
	slices.Sort(names)
	return names
}

// reader is one Resolve call's state.
type reader struct {
	get   Getter
	opts  Options
	diags diag.List
}

// fetch downloads a URL.
func (r *reader) fetch(ctx context.Context, rawURL string) ([]byte, error) {
	res, err := r.get.Get(ctx, rawURL)
	if err != nil {
		return nil, err
	}
	return res.Body, nil
}

// Resolve returns the documents rawURL stands for: the page itself when
// it is the docs, else what its platform serves behind it. A script
// shell with no API content is an error naming the platform and the
// remedy, never an empty document.
func Resolve(ctx context.Context, get Getter, rawURL string, opts Options) ([]Doc, diag.List, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, nil, err
	}
	r := &reader{get: get, opts: opts}
	var named *platform
	if opts.Platform != "" {
		if named = platformNamed(opts.Platform); named == nil {
			return nil, nil, fmt.Errorf("unknown platform %q (known: %s)", opts.Platform, strings.Join(Platforms(), ", "))
		}
	}
	for _, p := range platforms {
		if (named == nil || p == named) && p.byURL != nil && p.byURL(u) {
			docs, err := p.read(ctx, r, u, nil)
			return docs, r.diags, err
		}
	}
	page, err := r.fetch(ctx, rawURL)
	if err != nil {
		return nil, nil, err
	}
	for _, p := range platforms {
		if named == p || named == nil && p.detect != nil && p.detect(u, page) {
			docs, err := p.read(ctx, r, u, page)
			return docs, r.diags, err
		}
	}
	if shell, why := scriptShell(page); shell {
		return nil, r.diags, fmt.Errorf("the page is a script shell with no API content (%s): its docs are loaded by a script apigen does not run; name the platform with platform: in apigen.yaml, or export the docs (Markdown, HTML or an OpenAPI/Swagger file) and list the file", why)
	}
	return []Doc{{Origin: rawURL, Body: page}}, r.diags, nil
}

func platformNamed(name string) *platform {
	for _, p := range platforms {
		if p.name == name {
			return p
		}
	}
	return nil
}

// resolveRef is ref taken relative to base.
func resolveRef(base *url.URL, ref string) string {
	r, err := url.Parse(strings.TrimSpace(ref))
	if err != nil {
		return ref
	}
	return base.ResolveReference(r).String()
}
