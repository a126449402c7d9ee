package runtime

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"runtime"
	"sync"
	"testing"
	"time"
)

// testKey is a distinct key per n, as the verifier's SHA-256 keys are.
func testKey(n uint64) [32]byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], n)
	return sha256.Sum256(b[:])
}

func TestMemoryReplayStoreRemembersUntilExpiry(t *testing.T) {
	base := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	now := base
	s := NewMemoryReplayStore(10, 10*time.Minute, func() time.Time { return now })
	ctx := context.Background()
	seen := func(n uint64, expires time.Time, want bool) {
		t.Helper()
		got, err := s.Seen(ctx, testKey(n), expires)
		if err != nil || got != want {
			t.Fatalf("Seen(%d, %v) at %v = %v, %v; want %v", n, expires.Sub(base), now.Sub(base), got, err, want)
		}
	}
	seen(1, base.Add(time.Minute), false)
	seen(1, base.Add(time.Minute), true)
	seen(2, base.Add(5*time.Minute), false)
	// The same key with another expiry is still the same key.
	seen(2, base.Add(time.Minute), true)

	// Up to and at its expiry the key is held.
	now = base.Add(time.Minute)
	seen(1, base.Add(time.Minute+time.Second), true)
	// Past it the key may be forgotten: here it is, once its slice (43s
	// wide for a 10-minute horizon) has passed.
	now = base.Add(2 * time.Minute)
	seen(1, base.Add(3*time.Minute), false)
	seen(2, base.Add(5*time.Minute), true)
	if s.Len() != 2 {
		t.Fatalf("Len = %d, want 2", s.Len())
	}

	// An expiry already past needs no holding.
	seen(3, now.Add(-time.Second), false)
	seen(3, now.Add(-time.Second), false)

	// Long after, every slice is gone.
	now = base.Add(time.Hour)
	seen(2, now.Add(time.Minute), false)
	if s.Len() != 1 {
		t.Fatalf("Len = %d, want 1", s.Len())
	}
}

func TestMemoryReplayStoreFailsClosedWhenFull(t *testing.T) {
	base := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	now := base
	s := NewMemoryReplayStore(3, 10*time.Minute, func() time.Time { return now })
	ctx := context.Background()
	for n := range uint64(3) {
		if seen, err := s.Seen(ctx, testKey(n), base.Add(time.Minute)); seen || err != nil {
			t.Fatalf("Seen(%d) = %v, %v", n, seen, err)
		}
	}
	if _, err := s.Seen(ctx, testKey(3), base.Add(time.Minute)); !errors.Is(err, ErrReplayStoreFull) {
		t.Fatalf("fourth key: err = %v, want ErrReplayStoreFull", err)
	}
	// A held key is still recognised while the store is full.
	if seen, err := s.Seen(ctx, testKey(0), base.Add(time.Minute)); !seen || err != nil {
		t.Fatalf("held key when full = %v, %v", seen, err)
	}
	// Once the keys' slice has passed there is room again.
	now = base.Add(2 * time.Minute)
	if seen, err := s.Seen(ctx, testKey(3), now.Add(time.Minute)); seen || err != nil {
		t.Fatalf("after expiry = %v, %v", seen, err)
	}
	if s.Len() != 1 {
		t.Fatalf("Len = %d, want 1", s.Len())
	}
}

func TestMemoryReplayStoreRefusesExpiryPastHorizon(t *testing.T) {
	now := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	s := NewMemoryReplayStore(3, 10*time.Minute, func() time.Time { return now })
	if _, err := s.Seen(context.Background(), testKey(1), now.Add(11*time.Minute)); err == nil {
		t.Fatal("an expiry past the horizon was accepted; the key would be dropped early")
	}
	// The horizon itself is fine, in every phase of the slices.
	for i := range 100 {
		at := now.Add(time.Duration(i) * 7 * time.Second)
		s := NewMemoryReplayStore(1000, 10*time.Minute, func() time.Time { return at })
		for j := range 50 {
			exp := at.Add(time.Duration(j) * 12 * time.Second)
			if _, err := s.Seen(context.Background(), testKey(uint64(j)), exp); err != nil {
				t.Fatalf("phase %d, expiry +%v: %v", i, exp.Sub(at), err)
			}
		}
	}
}

// Every slice's keys are held until their expiry whatever the clock's
// phase, while time moves on and slices are reused around the ring.
func TestMemoryReplayStoreNeverForgetsEarly(t *testing.T) {
	base := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	now := base
	s := NewMemoryReplayStore(1<<16, 2*time.Minute, func() time.Time { return now })
	ctx := context.Background()
	type held struct {
		n       uint64
		expires time.Time
	}
	var live []held
	for step := range 2000 {
		now = base.Add(time.Duration(step) * 900 * time.Millisecond)
		n := uint64(step)
		exp := now.Add(time.Duration(step%120+1) * time.Second)
		if seen, err := s.Seen(ctx, testKey(n), exp); seen || err != nil {
			t.Fatalf("step %d: new key = %v, %v", step, seen, err)
		}
		live = append(live, held{n, exp})
		kept := live[:0]
		for _, h := range live {
			if now.After(h.expires) {
				continue
			}
			if seen, err := s.Seen(ctx, testKey(h.n), h.expires); !seen || err != nil {
				t.Fatalf("step %d: key %d (expires +%v) forgotten early: %v, %v", step, h.n, h.expires.Sub(now), seen, err)
			}
			kept = append(kept, h)
		}
		live = kept
	}
}

func TestMemoryReplayStoreConcurrent(t *testing.T) {
	s := NewMemoryReplayStore(1000, time.Minute, nil)
	expires := time.Now().Add(30 * time.Second)
	var wg sync.WaitGroup
	var mu sync.Mutex
	fresh := map[uint64]int{}
	for range 8 {
		wg.Go(func() {
			for n := range uint64(100) {
				seen, err := s.Seen(context.Background(), testKey(n), expires)
				if err != nil {
					t.Error(err)
					return
				}
				if !seen {
					mu.Lock()
					fresh[n]++
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	for n := range uint64(100) {
		if fresh[n] != 1 {
			t.Fatalf("key %d reported fresh %d times, want once", n, fresh[n])
		}
	}
}

// A million keys fit in the memory the store's doc promises, and the
// million-and-first is refused instead of growing the store.
func TestMemoryReplayStoreMemoryBound(t *testing.T) {
	if testing.Short() {
		t.Skip("fills a store of a million keys")
	}
	const keys = 1 << 20
	now := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	before := heapInUse()
	s := NewMemoryReplayStore(keys, 11*time.Minute, func() time.Time { return now })
	ctx := context.Background()
	for n := range uint64(keys) {
		// Expiries spread over the whole horizon, so every slice fills.
		exp := now.Add(time.Duration(n%660+1) * time.Second)
		if _, err := s.Seen(ctx, testKey(n), exp); err != nil {
			t.Fatalf("key %d: %v", n, err)
		}
	}
	if _, err := s.Seen(ctx, testKey(keys), now.Add(time.Minute)); !errors.Is(err, ErrReplayStoreFull) {
		t.Fatalf("key past capacity: err = %v, want ErrReplayStoreFull", err)
	}
	used := heapInUse() - before
	runtime.KeepAlive(s)
	t.Logf("%d keys: %.1f MiB, %.1f bytes a key", keys, float64(used)/(1<<20), float64(used)/keys)
	if limit := uint64(replayBytesPerKey * keys); used > limit {
		t.Fatalf("%d keys use %d bytes, more than the %d the doc promises", keys, used, limit)
	}
}

// heapInUse is the live heap after a full collection.
func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func BenchmarkMemoryReplayStoreSeen(b *testing.B) {
	now := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	s := NewMemoryReplayStore(DefaultReplayCapacity, 11*time.Minute, func() time.Time { return now })
	ctx := context.Background()
	var n uint64
	b.ReportAllocs()
	for b.Loop() {
		n++
		now = now.Add(time.Millisecond)
		if _, err := s.Seen(ctx, testKey(n), now.Add(5*time.Minute)); err != nil {
			b.Fatal(err)
		}
	}
}
