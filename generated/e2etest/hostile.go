package e2etest

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"runtime"
	"sync/atomic"
	"time"
)

// Flood is a request body made on the fly, never held in memory: Head,
// then Item over and over, N bytes in all. Sent tells how much of it the
// client got to send before the server stopped reading.
type Flood struct {
	Head, Item string
	N          int64
	sent       atomic.Int64
}

func (f *Flood) Read(p []byte) (int, error) {
	off := f.sent.Load()
	if off >= f.N {
		return 0, io.EOF
	}
	if rest := f.N - off; int64(len(p)) > rest {
		p = p[:rest]
	}
	for i := range p {
		at := off + int64(i)
		if at < int64(len(f.Head)) {
			p[i] = f.Head[at]
		} else {
			p[i] = f.Item[(at-int64(len(f.Head)))%int64(len(f.Item))]
		}
	}
	f.sent.Add(int64(len(p)))
	return len(p), nil
}

// Sent is the number of bytes read from the flood so far.
func (f *Flood) Sent() int64 { return f.sent.Load() }

// HeapGrowth runs f and returns how far the heap grew above what it held
// before, at its highest: sampled every millisecond, garbage not yet
// collected included, as the process's memory would show it.
func HeapGrowth(f func()) uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	base := m.HeapAlloc
	var peak atomic.Uint64
	record := func(m *runtime.MemStats) {
		if m.HeapAlloc > base && m.HeapAlloc-base > peak.Load() {
			peak.Store(m.HeapAlloc - base)
		}
	}
	done, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		var m runtime.MemStats
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				runtime.ReadMemStats(&m)
				record(&m)
			}
		}
	}()
	f()
	close(done)
	<-stopped
	runtime.ReadMemStats(&m)
	record(&m)
	return peak.Load()
}

// Trickle is a slow client: on a connection of its own it sends head at
// once, then the bytes of slow one at a time, every interval, until the
// server answers or closes the connection, or giveUp passes. It returns
// the answer's status (0 when the server closed without one) and body,
// and how long after connecting the server ended the exchange.
func Trickle(addr, head string, slow io.Reader, every, giveUp time.Duration) (status int, body []byte, after time.Duration, err error) {
	start := time.Now()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return 0, nil, 0, err
	}
	defer conn.Close()
	_ = conn.SetDeadline(start.Add(giveUp))
	if _, err := io.WriteString(conn, head); err != nil {
		return 0, nil, 0, err
	}
	answered := make(chan struct{})
	go func() {
		var b [1]byte
		for {
			select {
			case <-answered:
				return
			case <-time.After(every):
			}
			if _, err := slow.Read(b[:]); err != nil {
				return
			}
			if _, err := conn.Write(b[:]); err != nil {
				return
			}
		}
	}()
	defer close(answered)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		if ne, ok := err.(net.Error); ok && ne.Timeout() {
			return 0, nil, time.Since(start), err // the server held on until giveUp
		}
		return 0, nil, time.Since(start), nil // closed without an answer
	}
	defer resp.Body.Close()
	body, err = io.ReadAll(resp.Body)
	return resp.StatusCode, body, time.Since(start), err
}
