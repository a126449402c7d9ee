package pipeline

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/apigen/apigen/cmd/apigen/internal/fetch"
	"github.com/apigen/apigen/cmd/apigen/internal/source"
	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/diag"
)

// DefaultCacheDir is where downloaded docs and build stamps live when the
// config names no cache: "" when the platform has no user cache directory,
// which turns caching off rather than failing the build.
func DefaultCacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "apigen")
}

// NewFetcher returns a downloader for doc pages with apigen's limits.
func NewFetcher(timeout time.Duration, cacheDir string) *fetch.Fetcher {
	return &fetch.Fetcher{Timeout: timeout, MaxSize: parser.MaxDocSize, CacheDir: cacheDir}
}

// ReadDoc returns the bytes of a doc page, downloading it when it is a URL.
// Errors do not repeat the path; callers report them at the doc's position.
func ReadDoc(f *fetch.Fetcher, path string) ([]byte, error) {
	if fetch.IsURL(path) {
		res, err := f.Get(context.Background(), path)
		if err != nil {
			return nil, fmt.Errorf("download failed: %w", err)
		}
		return res.Body, nil
	}
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	src, err := io.ReadAll(io.LimitReader(file, parser.MaxDocSize+1))
	if err != nil {
		return nil, err
	}
	if len(src) > parser.MaxDocSize {
		return nil, fmt.Errorf("larger than %d MiB, too large for a doc page", parser.MaxDocSize>>20)
	}
	return src, nil
}

// docInput is one document of an API: a file, a downloaded page, or one
// of the documents a doc platform's URL stands for.
type docInput struct {
	name   string           // the file's path or the document's URL
	src    []byte           // as read
	parsed *parser.Document // set when the platform's data was read into a document
	tag    string           // the platform's catalog folder
	// ofSite: one of several documents one URL stands for (a platform
	// project, a site), where a page without endpoints is an
	// introduction to skip, not a doc that failed.
	ofSite bool
}

// readDocs reads one entry of docs: a file, or the documents behind a URL.
func (e Env) readDocs(api APIConfig, path string) ([]docInput, diag.List, error) {
	if !fetch.IsURL(path) {
		src, err := ReadDoc(e.Fetcher, path)
		if err != nil {
			return nil, nil, err
		}
		return []docInput{{name: path, src: src}}, nil, nil
	}
	found, diags, err := source.Resolve(context.Background(), e.Fetcher, path, api.sourceOptions())
	if err != nil {
		return nil, diags, fmt.Errorf("download failed: %w", err)
	}
	out := make([]docInput, len(found))
	for i, d := range found {
		out[i] = docInput{name: d.Origin, src: d.Body, parsed: d.Parsed, tag: d.Tag, ofSite: len(found) > 1}
	}
	return out, diags, nil
}
