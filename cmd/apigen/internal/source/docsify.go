package source

import (
	"context"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"
)

// docsify renders Markdown files in the browser: #/guide/api is
// guide/api.md below the page (README.md for a directory), and
// _sidebar.md lists the site's pages. The files are the docs.
func init() {
	register(&platform{name: "docsify", detect: isDocsify, read: readDocsify})
}

var (
	docsifyMarker   = regexp.MustCompile(`window\.\$docsify|docsify(@[0-9.]+)?(/lib)?/docsify(\.min)?\.js`)
	docsifyBasePath = regexp.MustCompile(`basePath\s*:\s*["']([^"']+)["']`)
	markdownLink    = regexp.MustCompile(`\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+["'][^)]*["'])?\s*\)`)
)

func isDocsify(_ *url.URL, page []byte) bool { return docsifyMarker.Match(page) }

func readDocsify(ctx context.Context, r *reader, u *url.URL, page []byte) ([]Doc, error) {
	base := *u
	base.Fragment, base.RawQuery = "", ""
	if i := strings.LastIndexByte(base.Path, '/'); i >= 0 {
		base.Path = base.Path[:i+1]
	}
	if m := docsifyBasePath.FindSubmatch(page); m != nil {
		b := resolveRef(&base, strings.TrimSuffix(string(m[1]), "/")+"/")
		if parsed, err := url.Parse(b); err == nil {
			base = *parsed
		}
	}
	route := strings.TrimPrefix(u.Fragment, "/")
	if route != "" {
		at := markdownFile(&base, route)
		body, err := r.fetch(ctx, at)
		if err != nil {
			return nil, fmt.Errorf("docsify page #/%s, %s: %w", route, at, err)
		}
		return []Doc{{Origin: at, Body: body}}, nil
	}
	// The whole site: the sidebar's pages in its order, else the home page.
	sidebarAt := resolveRef(&base, "_sidebar.md")
	sidebar, err := r.fetch(ctx, sidebarAt)
	if err != nil {
		home := markdownFile(&base, "")
		body, herr := r.fetch(ctx, home)
		if herr != nil {
			return nil, fmt.Errorf("docsify site: neither %s nor %s could be read: %w", sidebarAt, home, herr)
		}
		return []Doc{{Origin: home, Body: body}}, nil
	}
	var docs []Doc
	seen := map[string]bool{}
	for _, m := range markdownLink.FindAllSubmatch(sidebar, -1) {
		link := string(m[1])
		if strings.Contains(link, "://") && !strings.HasPrefix(link, base.Scheme+"://"+base.Host) {
			continue // another site
		}
		at := markdownFile(&base, strings.TrimPrefix(strings.TrimPrefix(link, "#"), "/"))
		if seen[at] {
			continue
		}
		seen[at] = true
		body, err := r.fetch(ctx, at)
		if err != nil {
			return nil, fmt.Errorf("docsify page %s listed in %s: %w", at, sidebarAt, err)
		}
		docs = append(docs, Doc{Origin: at, Body: body})
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("docsify site: %s lists no page", sidebarAt)
	}
	return docs, nil
}

// markdownFile is the file docsify renders for a route: route.md, or the
// directory's README.md.
func markdownFile(base *url.URL, route string) string {
	route, _, _ = strings.Cut(route, "?")
	switch {
	case route == "" || strings.HasSuffix(route, "/"):
		route += "README.md"
	case path.Ext(route) != ".md":
		route += ".md"
	}
	return resolveRef(base, route)
}
