package main

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestKilledBuildLeavesWholeTree kills `apigen build` while it replaces a
// package built from an older doc, at every step of the replacement (a
// build with crash points stops itself there with SIGKILL) and at random
// moments, and checks after each kill that the package directory is the
// complete old tree or the complete new one, and that the next build
// finishes the job. Both trees pass go vet.
func TestKilledBuildLeavesWholeTree(t *testing.T) {
	if testing.Short() {
		t.Skip("builds apigen and runs it dozens of times")
	}
	bin := t.TempDir()
	for _, b := range []struct{ name, tags string }{{"apigen", ""}, {"apigen-crash", "apigen_crashpoints"}} {
		cmd := exec.Command("go", "build", "-tags", b.tags, "-o", filepath.Join(bin, b.name), ".")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, out)
		}
	}
	apigen, crashing := filepath.Join(bin, "apigen"), filepath.Join(bin, "apigen-crash")

	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	useDoc := func(version string) {
		t.Helper()
		data, err := os.ReadFile("internal/pipeline/testdata/orders-" + version + ".md")
		if err != nil {
			t.Fatal(err)
		}
		write("orders.md", string(data))
	}
	write("go.mod", "module example.com/killed\n\ngo 1.24\n")
	write("apigen.yaml", "cache: .cache\napis:\n  - {name: orders, docs: [orders.md], spec: orders/openapi, formats: [yaml, json], out: orders}\n")
	write("orders/generate.go", "package orders\n\n//go:generate apigen build -config ../apigen.yaml\n")
	pkg := filepath.Join(dir, "orders")
	run := func(bin string, env ...string) error {
		cmd := exec.Command(bin, "build", "-config", filepath.Join(dir, "apigen.yaml"), "-force")
		cmd.Env = append(os.Environ(), env...)
		out, err := cmd.CombinedOutput()
		if err != nil && !killed(err) {
			return fmt.Errorf("%v\n%s", err, out)
		}
		return err
	}
	vet := func(what string) {
		t.Helper()
		cmd := exec.Command("go", "vet", "./...")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go vet on the %s tree: %v\n%s", what, err, out)
		}
	}

	useDoc("v1")
	if err := run(apigen); err != nil {
		t.Fatal(err)
	}
	oldTree := readTree(t, pkg)
	vet("old")
	useDoc("v2")
	if err := run(apigen); err != nil {
		t.Fatal(err)
	}
	newTree := readTree(t, pkg)
	vet("new")
	if reflect.DeepEqual(oldTree, newTree) {
		t.Fatal("the two doc versions give the same package")
	}
	reset := func() {
		t.Helper()
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if e.Name() == "orders" || strings.HasPrefix(e.Name(), ".orders.") {
				os.RemoveAll(filepath.Join(dir, e.Name()))
			}
		}
		for name, data := range oldTree {
			write(filepath.Join("orders", name), data)
		}
		useDoc("v2")
	}
	// check classifies the package directory as it is right after a kill.
	check := func(when string) string {
		t.Helper()
		switch got := readTree(t, pkg); {
		case reflect.DeepEqual(got, oldTree):
			return "old"
		case reflect.DeepEqual(got, newTree):
			return "new"
		default:
			t.Fatalf("killed %s: the package is neither tree: %d files %v", when, len(got), keys(got))
		}
		return ""
	}
	// finish checks that the next build, not killed, ends with the new tree.
	finish := func(when string) {
		t.Helper()
		if err := run(apigen); err != nil {
			t.Fatalf("the build after a kill %s: %v", when, err)
		}
		if !reflect.DeepEqual(readTree(t, pkg), newTree) {
			t.Fatalf("the build after a kill %s did not leave the new tree", when)
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".orders.") {
				t.Fatalf("the build after a kill %s left %s behind", when, e.Name())
			}
		}
	}

	// At every crash point, in order, until a build runs to its end.
	states := map[string]int{}
	points := 0
	for k := 1; ; k++ {
		reset()
		err := run(crashing, fmt.Sprintf("APIGEN_CRASH_AT=%d", k))
		if err == nil {
			break
		}
		if !killed(err) {
			t.Fatal(err)
		}
		points++
		states[check(fmt.Sprintf("at crash point %d", k))]++
		vetAfterKill := k == 1
		if vetAfterKill {
			// The hidden leftovers of a kill must not trouble the go tool.
			vet("killed")
		}
		finish(fmt.Sprintf("at crash point %d", k))
	}
	if points < 5 {
		t.Fatalf("only %d crash points: the crash-test build does not stop where it should", points)
	}
	t.Logf("crash points: %d kills, package after the kill: %v", points, states)

	// At random moments across the length of a whole build.
	start := time.Now()
	reset()
	if err := run(apigen); err != nil {
		t.Fatal(err)
	}
	span := time.Since(start)
	states = map[string]int{}
	const kills = 40
	for i := range kills {
		reset()
		cmd := exec.Command(apigen, "build", "-config", filepath.Join(dir, "apigen.yaml"), "-force")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rand.Int64N(int64(span) + 1)))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		states[check(fmt.Sprintf("at random kill %d", i))]++
		if i%10 == 0 {
			finish(fmt.Sprintf("at random kill %d", i))
		}
	}
	t.Logf("random kills over a %s build: %d kills, package after the kill: %v", span.Round(time.Millisecond), kills, states)
}

func killed(err error) bool {
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		return false
	}
	ws, ok := ee.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL
}

// readTree returns every file under dir with its content; a missing
// directory is an empty tree.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[rel] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
