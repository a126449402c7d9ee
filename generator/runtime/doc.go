// Package runtime is the support code every generated package carries: the
// lenient decoders, the validator's path and error types, the HTTP client
// and server plumbing and the vendor signers. It is ordinary Go, compiled
// and tested here; the generator copies the files a package needs into it
// (renaming the package), so generated code depends on the standard
// library only.
package runtime
