package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"
)

func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("version", "", `Print the apigen version: the module version it was installed at (go install
or a go.mod tool line), or "(devel)" with the commit for a build from a
clone, and the Go version that built it.`, stderr)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return usageError(fs, "unexpected arguments %q", fs.Args())
	}
	info, _ := debug.ReadBuildInfo()
	fmt.Fprintln(stdout, versionLine(info))
	return exitOK
}

// versionLine describes a build: "apigen v1.2.0 (go1.26.8)", or for a
// build from a clone "apigen (devel) 1a2b3c4d5e6f+dirty (go1.26.8)".
func versionLine(info *debug.BuildInfo) string {
	if info == nil {
		return "apigen (unknown version: built without module information)"
	}
	version := info.Main.Version
	if version == "" {
		version = "(devel)"
	}
	var rev string
	var dirty bool
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	parts := []string{"apigen", version}
	// A module version already names the source; a devel build needs the
	// commit to be traceable.
	if rev != "" && (version == "(devel)" || strings.Contains(version, "+dirty")) {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if dirty {
			rev += "+dirty"
		}
		parts = append(parts, rev)
	}
	return strings.Join(parts, " ") + " (" + info.GoVersion + ")"
}
