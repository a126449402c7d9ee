package outdir

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Package is the new content of a package directory.
type Package struct {
	// Files maps a file name (no directories) to its content.
	Files map[string][]byte
	// Owned reports whether an existing file of the directory was written
	// by apigen: such a file that Files no longer lists is removed. Every
	// other entry (hand-written tests, generate.go, testdata) is carried
	// into the new tree unchanged.
	Owned func(path string) bool
}

// Temporary siblings of a directory being replaced. Their names start with
// a dot so that the go tool and editors ignore them.
const (
	newSuffix = ".apigen-new-"
	oldSuffix = ".apigen-old-"
)

// ReplaceDir makes dir hold pkg: the new tree is built in a sibling
// directory, synced, and swapped with dir in one step, so that a kill at
// any instant leaves dir the complete old tree or the complete new one.
// Leftovers of an interrupted replacement are cleaned up first. Nothing is
// written when the tree would not change.
func ReplaceDir(dir string, pkg Package) (changed bool, err error) {
	if err := Recover(dir); err != nil {
		return false, err
	}
	old, err := readTree(dir, pkg.Owned)
	if err != nil {
		return false, err
	}
	if old != nil && old.same(pkg.Files) {
		return false, nil
	}
	parent, base := filepath.Split(filepath.Clean(dir))
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return false, err
	}
	tmp, err := os.MkdirTemp(parent, "."+base+newSuffix)
	if err != nil {
		return false, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return false, err
	}
	if err := buildTree(tmp, dir, old, pkg.Files); err != nil {
		os.RemoveAll(tmp)
		return false, err
	}
	crashPoint("tree built")
	if old == nil {
		if err := os.Rename(tmp, dir); err != nil {
			os.RemoveAll(tmp)
			return false, err
		}
		return true, syncDir(parent)
	}
	oldTree, err := swap(tmp, dir, parent, base)
	if err != nil {
		os.RemoveAll(tmp)
		return false, err
	}
	// A kill before the old tree is gone leaves only a hidden directory
	// that the next run removes.
	crashPoint("trees swapped")
	return true, os.RemoveAll(oldTree)
}

// swap puts the tree built in tmp at dir and returns where the old tree
// went. Where the system can exchange two directories in one step (Linux's
// renameat2 with RENAME_EXCHANGE) it does; elsewhere dir is first moved
// aside under a name Recover knows, so that a kill between the two renames
// is undone by the next run.
func swap(tmp, dir, parent, base string) (oldTree string, err error) {
	if exchanged, err := exchangeDirs(tmp, dir); exchanged || err != nil {
		if err == nil {
			err = syncDir(parent)
		}
		return tmp, err
	}
	aside, err := os.MkdirTemp(parent, "."+base+oldSuffix)
	if err != nil {
		return "", err
	}
	if err := os.Remove(aside); err != nil {
		return "", err
	}
	if err := os.Rename(dir, aside); err != nil {
		return "", err
	}
	crashPoint("old tree moved aside")
	if err := os.Rename(tmp, dir); err != nil {
		// Put the old tree back; Recover does the same if this fails too.
		return "", errors.Join(err, os.Rename(aside, dir))
	}
	return aside, syncDir(parent)
}

// Recover undoes or finishes a replacement of dir that a kill interrupted:
// a half-built new tree is removed, and an old tree moved aside is put
// back when dir is missing (the kill came between the two renames) or
// removed when dir is there.
func Recover(dir string) error {
	parent, base := filepath.Split(filepath.Clean(dir))
	if parent == "" {
		parent = "."
	}
	entries, err := os.ReadDir(parent)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasPrefix(name, "."+base+newSuffix):
			if err := os.RemoveAll(filepath.Join(parent, name)); err != nil {
				return err
			}
		case strings.HasPrefix(name, "."+base+oldSuffix):
			aside := filepath.Join(parent, name)
			if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
				if err := os.Rename(aside, dir); err != nil {
					return err
				}
				continue
			}
			if err := os.RemoveAll(aside); err != nil {
				return err
			}
		}
	}
	return nil
}

// tree is an existing package directory: the files apigen owns, by name,
// and every other entry, carried over as it is.
type tree struct {
	dir   string
	owned map[string]bool
	kept  []string // names of entries carried into the new tree
}

// readTree reads dir, refusing symbolic links anywhere in it. It returns
// nil for a directory that does not exist yet.
func readTree(dir string, owned func(string) bool) (*tree, error) {
	info, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		return nil, &SymlinkError{Path: dir}
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", dir)
	}
	err = filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.Type()&fs.ModeSymlink != 0 {
			return &SymlinkError{Path: p}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	t := &tree{dir: dir, owned: map[string]bool{}}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if e.Type().IsRegular() && owned != nil && owned(p) {
			t.owned[e.Name()] = true
			continue
		}
		t.kept = append(t.kept, e.Name())
	}
	return t, nil
}

// same reports whether writing files would leave the tree as it is: every
// file already there with its content, and no owned file to remove.
func (t *tree) same(files map[string][]byte) bool {
	for name := range t.owned {
		if _, ok := files[name]; !ok {
			return false
		}
	}
	for name, data := range files {
		if !fileEquals(filepath.Join(t.dir, name), data) {
			return false
		}
	}
	return true
}

func buildTree(tmp, dir string, old *tree, files map[string][]byte) error {
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if name != filepath.Base(name) || name == "." || name == ".." {
			return fmt.Errorf("generated file name %q is not a plain file name", name)
		}
		src := filepath.Join(dir, name)
		if old != nil && fileEquals(src, files[name]) {
			// Unchanged: the same inode keeps its mtime.
			if err := linkOrCopy(src, filepath.Join(tmp, name)); err != nil {
				return err
			}
			continue
		}
		f, err := os.OpenFile(filepath.Join(tmp, name), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err != nil {
			return err
		}
		crashPoint("file written")
		if err := writeSynced(f, files[name]); err != nil {
			return err
		}
	}
	if old != nil {
		for _, name := range old.kept {
			if _, generated := files[name]; generated {
				// A generated file replaces the hand-written one of the
				// same name, as it always has.
				continue
			}
			if err := carry(filepath.Join(dir, name), filepath.Join(tmp, name)); err != nil {
				return err
			}
		}
	}
	return syncDir(tmp)
}

// fileEquals reports whether the file at path holds data, reading it a
// piece at a time: a large API's files are tens of megabytes, compared
// while the new ones are held.
func fileEquals(path string, data []byte) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || info.Size() != int64(len(data)) {
		return false
	}
	buf := make([]byte, 64<<10)
	for len(data) > 0 {
		n, err := io.ReadFull(f, buf[:min(len(buf), len(data))])
		if err != nil || !bytes.Equal(buf[:n], data[:n]) {
			return false
		}
		data = data[n:]
	}
	// Nothing after: the file did not grow since its size was read.
	n, _ := f.Read(buf[:1])
	return n == 0
}

// carry puts a hand-written entry into the new tree: files as hard links
// (the same inode, untouched), directories recreated with their content
// carried the same way.
func carry(src, dst string) error {
	info, err := os.Lstat(src)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return linkOrCopy(src, dst)
	}
	if err := os.Mkdir(dst, info.Mode().Perm()); err != nil {
		return err
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if err := carry(filepath.Join(src, e.Name()), filepath.Join(dst, e.Name())); err != nil {
			return err
		}
	}
	return syncDir(dst)
}

// linkOrCopy hard-links src at dst, or copies it (mode and mtime kept)
// where the file system has no hard links.
func linkOrCopy(src, dst string) error {
	if os.Link(src, dst) == nil {
		return nil
	}
	info, err := os.Stat(src)
	if err != nil {
		return err
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, info.Mode().Perm())
	if err != nil {
		return err
	}
	_, cerr := io.Copy(out, in)
	if err := errors.Join(cerr, out.Sync(), out.Close()); err != nil {
		return err
	}
	return os.Chtimes(dst, info.ModTime(), info.ModTime())
}

// exchangeDirs is exchange, a variable so tests can take the two-rename
// path on systems that have the one-step swap.
var exchangeDirs = exchange
