// Package outdir writes apigen's outputs so that a process killed at any
// instant leaves each output as it was or as it should become, never a
// mix: a single file is replaced by renaming a synced temporary file over
// it, and a package directory by building the new tree beside it and
// swapping the two. Nothing is ever written through a symbolic link: a
// link inside an output directory may point anywhere, so writing through
// it would let a checked-in file overwrite something outside the tree.
package outdir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// SymlinkError is an output path, or an entry of an output directory, that
// is a symbolic link.
type SymlinkError struct{ Path string }

func (e *SymlinkError) Error() string {
	return e.Path + " is a symbolic link; apigen does not write through links (replace it with a file or directory)"
}

// WriteFile replaces path with data atomically and durably. A file that
// already holds data is left alone, so its mtime stays and build systems
// see no change; changed says whether anything was written.
func WriteFile(path string, data []byte) (changed bool, err error) {
	info, err := os.Lstat(path)
	switch {
	case err == nil && info.Mode()&fs.ModeSymlink != 0:
		return false, &SymlinkError{Path: path}
	case err == nil && !info.Mode().IsRegular():
		return false, fmt.Errorf("%s is not a regular file", path)
	case err == nil:
		if fileEquals(path, data) {
			return false, nil
		}
	case !errors.Is(err, fs.ErrNotExist):
		return false, err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return false, err
	}
	if err := writeSynced(tmp, data); err != nil {
		os.Remove(tmp.Name())
		return false, err
	}
	crashPoint("file renamed")
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return false, err
	}
	return true, syncDir(dir)
}

// writeSynced writes data to f, flushes it to disk and closes f: a rename
// that reaches the disk before the data would leave an empty file after a
// power cut.
func writeSynced(f *os.File, data []byte) error {
	_, werr := f.Write(data)
	serr := f.Sync()
	cerr := f.Close()
	return errors.Join(werr, serr, cerr)
}

// syncDir makes the directory's entries (a rename, a new file) durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	serr := d.Sync()
	cerr := d.Close()
	// Some file systems cannot sync a directory; the rename is still atomic.
	if errors.Is(serr, fs.ErrInvalid) || errors.Is(serr, errors.ErrUnsupported) {
		serr = nil
	}
	return errors.Join(serr, cerr)
}
