package outdir

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func write(t *testing.T, path, data string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(data), 0o644))
}

func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(data)
}

// ownedByHeader is how apigen tells its files from hand-written ones.
func ownedByHeader(path string) bool {
	data, _ := os.ReadFile(path)
	return strings.HasPrefix(string(data), "// gen")
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "spec.yaml")
	changed, err := WriteFile(p, []byte("a"))
	require.NoError(t, err)
	assert.True(t, changed)
	old := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	require.NoError(t, os.Chtimes(p, old, old))
	changed, err = WriteFile(p, []byte("a"))
	require.NoError(t, err)
	assert.False(t, changed)
	info, _ := os.Stat(p)
	assert.True(t, info.ModTime().Equal(old), "an unchanged file keeps its mtime")
	_, err = WriteFile(p, []byte("b"))
	require.NoError(t, err)
	assert.Equal(t, "b", read(t, p))
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 1, "no temporary file is left")
}

func TestWriteFileRefusesSymlink(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "victim")
	write(t, outside, "precious")
	link := filepath.Join(dir, "openapi.yaml")
	require.NoError(t, os.Symlink(outside, link))
	_, err := WriteFile(link, []byte("overwritten"))
	var se *SymlinkError
	require.True(t, errors.As(err, &se), "got %v", err)
	assert.Equal(t, "precious", read(t, outside))
}

func TestReplaceDir(t *testing.T) {
	for _, twoRenames := range []bool{false, true} {
		name := "exchange"
		if twoRenames {
			name = "two renames"
		}
		t.Run(name, func(t *testing.T) {
			if twoRenames {
				exchangeDirs = func(a, b string) (bool, error) { return false, nil }
				t.Cleanup(func() { exchangeDirs = exchange })
			}
			dir := filepath.Join(t.TempDir(), "pkg")
			write(t, filepath.Join(dir, "client.go"), "// gen v1")
			write(t, filepath.Join(dir, "stale.go"), "// gen v1")
			write(t, filepath.Join(dir, "same.go"), "// gen same")
			write(t, filepath.Join(dir, "generate.go"), "hand-written")
			write(t, filepath.Join(dir, "testdata", "x.json"), "{}")
			old := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
			for _, f := range []string{"same.go", "generate.go"} {
				require.NoError(t, os.Chtimes(filepath.Join(dir, f), old, old))
			}

			changed, err := ReplaceDir(dir, Package{
				Files: map[string][]byte{"client.go": []byte("// gen v2"), "same.go": []byte("// gen same"), "types.go": []byte("// gen new")},
				Owned: ownedByHeader,
			})
			require.NoError(t, err)
			assert.True(t, changed)
			assert.Equal(t, "// gen v2", read(t, filepath.Join(dir, "client.go")))
			assert.Equal(t, "// gen new", read(t, filepath.Join(dir, "types.go")))
			assert.Equal(t, "hand-written", read(t, filepath.Join(dir, "generate.go")))
			assert.Equal(t, "{}", read(t, filepath.Join(dir, "testdata", "x.json")))
			assert.NoFileExists(t, filepath.Join(dir, "stale.go"), "a generated file no longer produced is removed")
			for _, f := range []string{"same.go", "generate.go"} {
				info, err := os.Stat(filepath.Join(dir, f))
				require.NoError(t, err)
				assert.True(t, info.ModTime().Equal(old), "%s keeps its mtime", f)
			}
			siblings, _ := os.ReadDir(filepath.Dir(dir))
			assert.Len(t, siblings, 1, "no temporary directory is left")

			changed, err = ReplaceDir(dir, Package{
				Files: map[string][]byte{"client.go": []byte("// gen v2"), "same.go": []byte("// gen same"), "types.go": []byte("// gen new")},
				Owned: ownedByHeader,
			})
			require.NoError(t, err)
			assert.False(t, changed, "the same tree again writes nothing")
		})
	}
}

func TestReplaceDirRefusesSymlinks(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "victim.go")
	write(t, outside, "precious")
	dir := filepath.Join(t.TempDir(), "pkg")
	write(t, filepath.Join(dir, "generate.go"), "hand-written")
	require.NoError(t, os.Symlink(outside, filepath.Join(dir, "client.go")))
	_, err := ReplaceDir(dir, Package{Files: map[string][]byte{"client.go": []byte("// gen")}, Owned: ownedByHeader})
	var se *SymlinkError
	require.True(t, errors.As(err, &se), "got %v", err)
	assert.Equal(t, "precious", read(t, outside))

	linked := filepath.Join(t.TempDir(), "linked")
	require.NoError(t, os.Symlink(filepath.Dir(outside), linked))
	_, err = ReplaceDir(linked, Package{Files: map[string][]byte{"victim.go": []byte("// gen")}, Owned: ownedByHeader})
	require.True(t, errors.As(err, &se), "an output directory that is itself a link: got %v", err)
	assert.Equal(t, "precious", read(t, outside))
}

func TestRecover(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "pkg")
	// A kill between the two renames: the old tree aside, no dir.
	write(t, filepath.Join(parent, ".pkg"+oldSuffix+"123", "client.go"), "// gen v1")
	write(t, filepath.Join(parent, ".pkg"+newSuffix+"456", "client.go"), "// gen v2 half")
	require.NoError(t, Recover(dir))
	assert.Equal(t, "// gen v1", read(t, filepath.Join(dir, "client.go")))
	siblings, _ := os.ReadDir(parent)
	assert.Len(t, siblings, 1)

	// A kill after the swap: the new tree in place, the old one aside.
	write(t, filepath.Join(parent, ".pkg"+oldSuffix+"789", "client.go"), "// gen v0")
	require.NoError(t, Recover(dir))
	assert.Equal(t, "// gen v1", read(t, filepath.Join(dir, "client.go")))
	siblings, _ = os.ReadDir(parent)
	assert.Len(t, siblings, 1)

	// Another directory's leftovers are not touched.
	write(t, filepath.Join(parent, ".other"+newSuffix+"1", "x"), "")
	require.NoError(t, Recover(dir))
	siblings, _ = os.ReadDir(parent)
	assert.Len(t, siblings, 2)
}

// fileEquals tells a file that holds the data from one that holds less,
// more or other bytes, across the pieces it reads.
func TestFileEquals(t *testing.T) {
	dir := t.TempDir()
	data := bytes.Repeat([]byte("0123456789abcdef"), 10_000) // several pieces
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, b, 0o644))
		return p
	}
	changed := bytes.Clone(data)
	changed[len(changed)-1] = 'x'
	assert.True(t, fileEquals(write("same", data), data))
	assert.False(t, fileEquals(write("shorter", data[:len(data)-1]), data))
	assert.False(t, fileEquals(write("longer", append(bytes.Clone(data), '!')), data))
	assert.False(t, fileEquals(write("changed", changed), data))
	assert.False(t, fileEquals(filepath.Join(dir, "missing"), data))
	assert.True(t, fileEquals(write("empty", nil), nil))
}
