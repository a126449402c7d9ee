package generator

import "sync"

// A fileSource is one generated Go file: its name, and how to write it
// gofmt'd.
type fileSource struct {
	name  string
	write func() ([]byte, error)
}

// A written file is a file's source, or why it has none.
type written struct {
	src []byte
	err error
}

// writeSources writes every file, each on a goroutine of its own:
// jennifer's emitting and rendering is serial within a file, so files
// written one after another leave all but one CPU idle while they are
// emitted. The emitters only read the Package. Results are in the order
// of sources.
func writeSources(sources []fileSource) []written {
	out := make([]written, len(sources))
	var wg sync.WaitGroup
	for i, s := range sources {
		wg.Go(func() {
			src, err := s.write()
			out[i] = written{src, err}
		})
	}
	wg.Wait()
	return out
}
