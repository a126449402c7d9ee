//go:build !apigen_crashpoints

package outdir

// crashPoint marks a step of a replacement where a kill must leave the
// outputs whole; the crash-test build (tag apigen_crashpoints) stops the
// process there.
func crashPoint(string) {}
