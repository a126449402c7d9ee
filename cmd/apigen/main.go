// Command apigen turns vendor API doc pages into an OpenAPI 3.1 spec and
// typed Go code: a client, validators, server stubs and a mock.
//
// Run `apigen -h` for the commands and `apigen COMMAND -h` for each one's
// flags.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
)

// Exit codes: 0 success, 1 problems in the input, 2 a usage error.
const (
	exitOK    = 0
	exitInput = 1
	exitUsage = 2
)

// command is one subcommand.
type command struct {
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

var commands = map[string]command{
	"spec":  {"parse doc pages and write their OpenAPI 3.1 spec", runSpec},
	"gen":   {"generate a Go package from an OpenAPI 3.0/3.1 spec", runGen},
	"build": {"run spec and gen for every API in an apigen.yaml (what go:generate calls)", runBuild},
	"lint":  {"report the diagnostics of doc pages without writing anything", runLint},
	"mock":  {"serve a spec's operations from its examples on a local address", runMock},
	"diff":  {"compare two specs or doc sets and class each change as breaking or compatible", runDiff},

	"version": {"print the apigen version and the Go version that built it", runVersion},
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	if args[0] == "-version" || args[0] == "--version" {
		args = []string{"version"}
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "apigen: unknown command %q\n\n", args[0])
		usage(stderr)
		return exitUsage
	}
	return cmd.run(args[1:], stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprint(w, `apigen reads API doc pages (Markdown, HTML, plain text copied from a
rendered page, AsciiDoc, reStructuredText, wiki markup; ShowDoc, YApi, Knife4j and other
doc generators' output) and writes an OpenAPI 3.1 spec and a typed Go
package (models, validators, client, server, mock).

Usage:
  apigen COMMAND [flags] [args]

Commands:
`)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-7s %s\n", n, commands[n].summary)
	}
	fmt.Fprint(w, `
Run "apigen COMMAND -h" for a command's flags.
Exit status: 0 success, 1 errors in the input (or warnings with -strict), 2 usage.
`)
}

// newFlags makes a subcommand's flag set with a usage text that explains
// the arguments, not only the flags.
func newFlags(name, synopsis, about string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("apigen "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: apigen %s %s\n\n%s\n\nFlags:\n", name, synopsis, about)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, mapping -h to success and bad flags to a usage
// error.
func parseFlags(fs *flag.FlagSet, args []string) (code int, ok bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, false
		}
		return exitUsage, false
	}
	return 0, true
}

// usageError prints a usage problem and the command's usage.
func usageError(fs *flag.FlagSet, format string, args ...any) int {
	fmt.Fprintf(fs.Output(), "%s: %s\n\n", fs.Name(), fmt.Sprintf(format, args...))
	fs.Usage()
	return exitUsage
}
