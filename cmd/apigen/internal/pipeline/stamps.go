package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/apigen/apigen/cmd/apigen/internal/outdir"
	"github.com/apigen/apigen/parser/diag"
)

// A build stamp records what one API's last successful build read and
// wrote, so that `go generate` with nothing changed neither parses nor
// generates nor touches a file. It lives in the cache, not beside the
// outputs: it holds a hash of the apigen binary, which differs between
// machines and must not show up in a downstream repo's diff.
type buildStamp struct {
	// Inputs hashes everything the outputs depend on: the apigen binary,
	// the API's config entry, the strictness and every doc's path and bytes.
	Inputs string `json:"inputs"`
	// Outputs maps each written file's absolute path to its SHA-256; an
	// output edited or deleted since makes the stamp stale.
	Outputs map[string]string `json:"outputs"`
	// Diags are the build's diagnostics, reported again on a skipped
	// build so that its warnings do not vanish on the second run.
	Diags diag.List `json:"diags,omitempty"`
}

// Stamps finds and checks the stamps of one config's APIs.
type Stamps struct {
	dir string // "" disables stamps
}

// binaryID identifies the running apigen by the hash of its executable, so
// a rebuilt apigen (new generator code, even under `go run` with a replace
// directive, where the module version says nothing) invalidates every stamp.
var binaryID = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
})

func (s Stamps) path(cfg *Config, api string) string {
	abs, err := filepath.Abs(cfg.path)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256([]byte(abs + "\x00" + api))
	return filepath.Join(s.dir, "builds", hex.EncodeToString(sum[:16])+".json")
}

// inputs hashes what one build of api reads. The doc paths are those the
// diagnostics print, relative to the working directory, so a build run
// from elsewhere is redone rather than replaying paths that no longer fit.
func inputs(api APIConfig, paths []string, srcs [][]byte, strict bool) string {
	id := binaryID()
	if id == "" {
		return ""
	}
	h := sha256.New()
	entry, _ := json.Marshal(api)
	write := func(parts ...string) {
		for _, p := range parts {
			h.Write([]byte(p))
			h.Write([]byte{0})
		}
	}
	write("apigen build stamp v2", id, string(entry))
	if strict {
		write("strict")
	}
	for i, p := range paths {
		sum := sha256.Sum256(srcs[i])
		write(p, hex.EncodeToString(sum[:]))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// fresh reports whether the last build of api had these inputs and its
// outputs are still as it wrote them; it returns that build's diagnostics.
func (s Stamps) fresh(cfg *Config, api APIConfig, in string) (diags diag.List, ok bool) {
	if s.dir == "" || in == "" {
		return nil, false
	}
	data, err := os.ReadFile(s.path(cfg, api.Name))
	if err != nil {
		return nil, false
	}
	var st buildStamp
	if json.Unmarshal(data, &st) != nil || st.Inputs != in || len(st.Outputs) == 0 {
		return nil, false
	}
	for path, want := range st.Outputs {
		if fileHash(path) != want {
			return nil, false
		}
	}
	return st.Diags, true
}

// save records a successful build. Failing to save costs only a rebuild
// next time, so errors are dropped.
func (s Stamps) save(cfg *Config, api APIConfig, in string, diags diag.List) {
	if s.dir == "" || in == "" {
		return
	}
	outs := outputFiles(cfg, api)
	st := buildStamp{Inputs: in, Outputs: map[string]string{}, Diags: diags}
	for _, p := range outs {
		abs, err := filepath.Abs(p)
		if err != nil {
			return
		}
		if st.Outputs[abs] = fileHash(p); st.Outputs[abs] == "" {
			return
		}
	}
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return
	}
	path := s.path(cfg, api.Name)
	if os.MkdirAll(filepath.Dir(path), 0o755) != nil {
		return
	}
	_, _ = outdir.WriteFile(path, data)
}

// outputFiles lists the files a build of api writes: its spec files and
// the files of its package that carry apigen's generated-code header
// (the Go files and the package README; hand-written files beside them,
// such as generate.go, are no output).
func outputFiles(cfg *Config, api APIConfig) []string {
	var out []string
	if api.Spec != "" {
		base := strings.TrimSuffix(strings.TrimSuffix(cfg.Resolve(api.Spec), ".yaml"), ".json")
		formats := api.Formats
		if len(formats) == 0 {
			formats = []string{"yaml"}
		}
		for _, f := range formats {
			out = append(out, base+"."+f)
		}
	}
	if api.Out != "" {
		dir := cfg.Resolve(api.Out)
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			p := filepath.Join(dir, e.Name())
			if e.Type().IsRegular() && IsGenerated(p) {
				out = append(out, p)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// IsGenerated reports whether the first line of a file says apigen wrote
// it, whatever the comment syntax of the file's language: such a file is
// apigen's to replace or remove, every other file is the user's.
func IsGenerated(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 128)
	n, _ := io.ReadFull(f, head)
	line, _, _ := strings.Cut(string(head[:n]), "\n")
	return strings.Contains(line, "Code generated by apigen.")
}

// fileHash is the SHA-256 of a file, read a piece at a time: a large
// API's files are tens of megabytes, and the build still holds what it
// wrote; "" when the file cannot be read.
func fileHash(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
}
