package source

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/html"

	"github.com/apigen/apigen/parser/diag"
)

// A static doc site (VuePress, VitePress, GitBook, Docusaurus, MkDocs,
// smart-doc's HTML) renders every page to HTML at build time, so its docs
// are the pages themselves, spread over many URLs: the site platform reads
// the pages below the given URL, politely and within limits, since the
// vendor's server is not ours.

const (
	defaultMaxPages = 200
	defaultMaxDepth = 5
	// crawlParallel bounds requests in flight: a doc site is often a
	// small static host that a burst would slow for everyone else.
	crawlParallel = 4
)

// crawlInterval is the least time between two request starts; tests set
// it to zero.
var crawlInterval = 100 * time.Millisecond

// generatorMeta finds the generator a static site names in its head.
var generatorMeta = regexp.MustCompile(`(?i)<meta\s[^>]*(name=["']?generator["']?[^>]*content=["']?(VuePress|VitePress|Docusaurus|mkdocs|GitBook)|content=["']?(VuePress|VitePress|Docusaurus|mkdocs|GitBook)[^>]*name=["']?generator)`)

// skippedExt are links to files that are not doc pages.
var skippedExt = map[string]bool{
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".svg": true, ".ico": true, ".webp": true,
	".css": true, ".js": true, ".mjs": true, ".map": true, ".json": true, ".xml": true,
	".zip": true, ".gz": true, ".tar": true, ".rar": true, ".7z": true, ".pdf": true,
	".woff": true, ".woff2": true, ".ttf": true, ".eot": true, ".mp4": true, ".mp3": true,
	".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".exe": true, ".apk": true,
}

func init() {
	register(&platform{
		name:   "site",
		detect: func(_ *url.URL, page []byte) bool { return generatorMeta.Match(page) },
		read:   readSite,
	})
}

// crawl is one site's crawl.
type crawl struct {
	r      *reader
	start  *url.URL
	scope  string // the path every page read starts with
	robots robotsRules
	pos    diag.Pos

	mu        sync.Mutex
	nextStart time.Time
}

// fetched is one page's download.
type fetched struct {
	url  string
	body []byte
	err  error
}

func readSite(ctx context.Context, r *reader, u *url.URL, page []byte) ([]Doc, error) {
	start := canonical(u)
	c := &crawl{r: r, start: start, scope: scopeOf(start.Path), pos: diag.Pos{File: start.String()}}
	maxPages, maxDepth := r.opts.MaxPages, r.opts.MaxDepth
	if maxPages <= 0 {
		maxPages = defaultMaxPages
	}
	if maxDepth <= 0 {
		maxDepth = defaultMaxDepth
	}
	root := &url.URL{Scheme: start.Scheme, Host: start.Host}
	if body, err := c.get(ctx, root.JoinPath("robots.txt").String()); err == nil {
		c.robots = parseRobots(body)
	}
	startPage := fetched{url: start.String(), body: page}
	if page == nil {
		startPage = c.fetchAll(ctx, []string{start.String()})[0]
		if startPage.err != nil {
			return nil, startPage.err
		}
	}

	var pages []fetched
	if listed := c.sitemap(ctx, root); len(listed) > 0 {
		urls := []string{}
		seen := map[string]bool{startPage.url: true}
		for _, l := range listed {
			if !seen[l] {
				seen[l] = true
				urls = append(urls, l)
			}
		}
		pages = []fetched{startPage}
		if room := maxPages - 1; len(urls) > room {
			c.limited("max_pages", maxPages, len(urls)-room)
			urls = urls[:room]
		}
		pages = append(pages, c.fetchAll(ctx, urls)...)
	} else {
		pages = c.breadthFirst(ctx, startPage, maxPages, maxDepth)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	var docs []Doc
	skipped, failed := 0, 0
	for _, p := range pages {
		switch {
		case p.err != nil:
			failed++
			r.diags.Add(diag.Pos{File: p.url}, diag.PartialCrawl, "a page of the site could not be read and was left out: %v", p.err)
		case !hasAPIContent(p.body):
			skipped++
		default:
			docs = append(docs, Doc{Origin: p.url, Body: p.body})
		}
	}
	if skipped > 0 {
		r.diags.Add(c.pos, diag.SkippedPages, "%s without API content %s skipped (no method and path, no request or response words)", plural(skipped, "page"), wereWas(skipped))
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("none of the %s read below %s has API content", plural(len(pages)-failed, "page"), start.Redacted())
	}
	return docs, nil
}

func wereWas(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

// breadthFirst follows links level by level, so that the documents come
// in the order a reader meets them however the downloads interleave.
func (c *crawl) breadthFirst(ctx context.Context, startPage fetched, maxPages, maxDepth int) []fetched {
	seen := map[string]bool{startPage.url: true}
	pages := []fetched{startPage}
	level := []fetched{startPage}
	for depth := 1; len(level) > 0 && ctx.Err() == nil; depth++ {
		var next []string
		for _, p := range level {
			if p.err != nil {
				continue
			}
			base, _ := url.Parse(p.url)
			for _, l := range links(base, p.body) {
				if !seen[l] && c.inScope(l) {
					seen[l] = true
					next = append(next, l)
				}
			}
		}
		if len(next) == 0 {
			break
		}
		if depth > maxDepth {
			c.limited("max_depth", maxDepth, len(next))
			break
		}
		if room := maxPages - len(pages); len(next) > room {
			c.limited("max_pages", maxPages, len(next)-room)
			next = next[:room]
		}
		level = c.fetchAll(ctx, next)
		pages = append(pages, level...)
	}
	return pages
}

func (c *crawl) limited(limit string, value, notRead int) {
	c.r.diags.Add(c.pos, diag.PartialCrawl, "the crawl stopped at its %s limit (%d): %s found below the start URL %s not read; raise %s in apigen.yaml to read them", limit, value, plural(notRead, "page"), wereWas(notRead), limit)
}

// fetchAll downloads urls, crawlParallel at a time, and returns them in
// the order asked.
func (c *crawl) fetchAll(ctx context.Context, urls []string) []fetched {
	out := make([]fetched, len(urls))
	slots := make(chan struct{}, crawlParallel)
	var wg sync.WaitGroup
	for i, u := range urls {
		out[i].url = u
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			out[i].err = ctx.Err()
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-slots }()
			out[i].body, out[i].err = c.get(ctx, u)
		}()
	}
	wg.Wait()
	return out
}

// get downloads one URL once its turn under crawlInterval comes.
func (c *crawl) get(ctx context.Context, rawURL string) ([]byte, error) {
	c.mu.Lock()
	now := time.Now()
	at := c.nextStart
	if at.Before(now) {
		at = now
	}
	c.nextStart = at.Add(crawlInterval)
	c.mu.Unlock()
	if wait := time.Until(at); wait > 0 {
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		}
	}
	return c.r.fetch(ctx, rawURL)
}

// sitemap lists the in-scope pages of the site's sitemap.xml, following a
// sitemap index one level; nil when there is none.
func (c *crawl) sitemap(ctx context.Context, root *url.URL) []string {
	body, err := c.get(ctx, root.JoinPath("sitemap.xml").String())
	if err != nil {
		return nil
	}
	pages, children := parseSitemap(body)
	for _, child := range children {
		if cu, err := url.Parse(child); err != nil || cu.Host != c.start.Host {
			continue
		}
		if b, err := c.get(ctx, child); err == nil {
			more, _ := parseSitemap(b)
			pages = append(pages, more...)
		}
	}
	var in []string
	for _, p := range pages {
		if u, err := url.Parse(strings.TrimSpace(p)); err == nil {
			if s := canonical(u).String(); c.inScope(s) {
				in = append(in, s)
			}
		}
	}
	return in
}

func parseSitemap(body []byte) (pages, children []string) {
	var doc struct {
		XMLName xml.Name
		URLs    []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
		Sitemaps []struct {
			Loc string `xml:"loc"`
		} `xml:"sitemap"`
	}
	if xml.Unmarshal(body, &doc) != nil {
		return nil, nil
	}
	for _, u := range doc.URLs {
		pages = append(pages, strings.TrimSpace(u.Loc))
	}
	for _, s := range doc.Sitemaps {
		children = append(children, strings.TrimSpace(s.Loc))
	}
	return pages, children
}

// inScope reports whether a canonical URL is a page of the crawl: the
// start's scheme and host, below the start's directory, allowed by
// robots.txt and not a file by its extension.
func (c *crawl) inScope(rawURL string) bool {
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme != c.start.Scheme || u.Host != c.start.Host {
		return false
	}
	p := u.Path
	if p == "" {
		p = "/"
	}
	if !strings.HasPrefix(p, c.scope) || skippedExt[strings.ToLower(path.Ext(p))] {
		return false
	}
	return c.robots.allowed(u.EscapedPath())
}

// scopeOf is the directory of a page's path: /docs/api/intro.html reads
// /docs/api/ and its sub-directories.
func scopeOf(p string) string {
	if p == "" {
		return "/"
	}
	return p[:strings.LastIndex(p, "/")+1]
}

// canonical drops what does not name another page: the fragment, and the
// query, which on a static site only selects a tab or a search term.
func canonical(u *url.URL) *url.URL {
	c := *u
	c.Fragment, c.RawFragment, c.RawQuery, c.ForceQuery = "", "", "", false
	if c.Path == "" {
		c.Path = "/"
	}
	return &c
}

// links are a page's <a href> targets, canonical, in page order.
func links(base *url.URL, page []byte) []string {
	var out []string
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) != "a" || !hasAttr {
				continue
			}
			for {
				key, val, more := z.TagAttr()
				if string(key) == "href" {
					if ref, err := url.Parse(strings.TrimSpace(string(val))); err == nil && base != nil {
						if t := base.ResolveReference(ref); t.Scheme == "http" || t.Scheme == "https" {
							out = append(out, canonical(t).String())
						}
					}
				}
				if !more {
					break
				}
			}
		}
	}
}

// hasAPIContent reports whether a page says something about an API in
// its content; the navigation a site repeats on every page (sidebar,
// header, footer) is left out, since it names every API page.
func hasAPIContent(page []byte) bool {
	text, _, ok := pageText(page, "nav", "aside", "header", "footer")
	if !ok {
		return apiWords.Match(page)
	}
	return apiWords.MatchString(text)
}

// robotsRules are the Allow and Disallow lines of the robots.txt group
// that applies to apigen.
type robotsRules []robotsRule

type robotsRule struct {
	allow   bool
	pattern string
	match   *regexp.Regexp
}

// parseRobots reads the group for "apigen" if the file has one, else the
// group for "*".
func parseRobots(body []byte) robotsRules {
	groups := map[string]robotsRules{}
	var agents []string
	inRules := false
	for _, line := range strings.Split(string(body), "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key, value = strings.ToLower(strings.TrimSpace(key)), strings.TrimSpace(value)
		switch key {
		case "user-agent":
			if inRules {
				agents, inRules = nil, false
			}
			agents = append(agents, strings.ToLower(value))
			for _, a := range agents {
				if _, ok := groups[a]; !ok {
					groups[a] = nil
				}
			}
		case "allow", "disallow":
			inRules = true
			if value == "" {
				continue
			}
			rule := robotsRule{allow: key == "allow", pattern: value, match: robotsPattern(value)}
			for _, a := range agents {
				groups[a] = append(groups[a], rule)
			}
		}
	}
	if g, ok := groups["apigen"]; ok {
		return g
	}
	return groups["*"]
}

// robotsPattern reads * and a final $ the way the major crawlers do.
func robotsPattern(p string) *regexp.Regexp {
	anchored := strings.HasSuffix(p, "$")
	p = strings.TrimSuffix(p, "$")
	parts := strings.Split(p, "*")
	for i := range parts {
		parts[i] = regexp.QuoteMeta(parts[i])
	}
	expr := "^" + strings.Join(parts, ".*")
	if anchored {
		expr += "$"
	}
	return regexp.MustCompile(expr)
}

// allowed applies the longest matching rule; Allow wins a tie.
func (rules robotsRules) allowed(p string) bool {
	best, allow := -1, true
	for _, r := range rules {
		if !r.match.MatchString(p) {
			continue
		}
		if n := len(r.pattern); n > best || n == best && r.allow {
			best, allow = n, r.allow
		}
	}
	return allow
}
