//go:build !(linux && (amd64 || arm64))

package outdir

// exchange has no one-step form here; the caller renames twice.
func exchange(a, b string) (bool, error) { return false, nil }
