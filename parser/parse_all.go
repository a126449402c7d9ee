package parser

import (
	"iter"
	"runtime"
	"sync"
)

// ParseAll parses n docs on every CPU and yields them in order, each as
// soon as it and those before it are parsed: parse(i) reads and parses
// the i-th doc (nil when the caller handles it itself). A doc's parse
// reads only its own bytes, so a vendor site of hundreds of pages parses
// in about 1/CPUs of the time, and the order, hence the spec, is the
// same as parsing one page after another. Stopping the loop early stops
// the parsing of docs not yet started.
func ParseAll(n int, parse func(i int) *Document) iter.Seq2[int, *Document] {
	return func(yield func(int, *Document) bool) {
		docs := make([]*Document, n)
		done := make([]chan struct{}, n)
		for i := range done {
			done[i] = make(chan struct{})
		}
		next := make(chan int)
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for range min(runtime.GOMAXPROCS(0), n) {
			wg.Go(func() {
				for i := range next {
					docs[i] = parse(i)
					close(done[i])
				}
			})
		}
		go func() {
			defer close(next)
			for i := range n {
				// A stop already made is seen before the next doc is
				// handed out.
				select {
				case <-stop:
					return
				default:
				}
				select {
				case next <- i:
				case <-stop:
					return
				}
			}
		}()
		defer wg.Wait()
		defer close(stop)
		for i := range n {
			<-done[i]
			if !yield(i, docs[i]) {
				return
			}
		}
	}
}
