//go:build linux && (amd64 || arm64)

package outdir

import (
	"errors"
	"syscall"
	"unsafe"
)

// renameExchange is RENAME_EXCHANGE from linux/fs.h: renameat2 swaps the
// two names in one step.
const renameExchange = 1 << 1

// exchange swaps the directories a and b atomically. It reports false
// without an error where the kernel or file system cannot, so the caller
// falls back to two renames.
func exchange(a, b string) (bool, error) {
	pa, err := syscall.BytePtrFromString(a)
	if err != nil {
		return false, err
	}
	pb, err := syscall.BytePtrFromString(b)
	if err != nil {
		return false, err
	}
	atFDCWD := -0x64 // AT_FDCWD: paths relative to the working directory
	_, _, errno := syscall.Syscall6(sysRenameat2,
		uintptr(atFDCWD), uintptr(unsafe.Pointer(pa)),
		uintptr(atFDCWD), uintptr(unsafe.Pointer(pb)),
		renameExchange, 0)
	switch {
	case errno == 0:
		return true, nil
	case errors.Is(errno, syscall.ENOSYS), errors.Is(errno, syscall.EINVAL), errors.Is(errno, syscall.EPERM):
		return false, nil
	}
	return false, &osError{op: "exchange", a: a, b: b, err: errno}
}

type osError struct {
	op, a, b string
	err      error
}

func (e *osError) Error() string { return e.op + " " + e.a + " " + e.b + ": " + e.err.Error() }
func (e *osError) Unwrap() error { return e.err }
