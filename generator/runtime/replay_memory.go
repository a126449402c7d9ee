package runtime

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// DefaultReplayCapacity is how many keys the verifier's default in-memory
// replay store holds: about a thousand accepted requests a second with the
// default five-minute window.
const DefaultReplayCapacity = 1 << 20

// replaySlices is the size of a MemoryReplayStore's ring of time slices.
// A lookup visits every live slice, so few slices keep it cheap; a key is
// held at most one slice longer than asked, so more slices waste less
// capacity. The horizon spans replaySlices-2 of them: with the slice of
// now and one spare, the slot a new key goes into never still holds keys
// of an earlier time.
const replaySlices = 16

// MemoryReplayStore is a ReplayStore in this process's memory, bounded in
// size and in the work each call does. Keys live in a ring of time slices,
// each slice holding the keys that expire within it; a slice is dropped
// whole once its time has passed, so nothing ever sweeps the held keys and
// no call waits for one. It holds at most its capacity: when full it
// answers ErrReplayStoreFull (the request is refused) until a slice
// expires. A key costs about 32 bytes and never more than 48, so the
// default capacity stays under 48 MiB.
type MemoryReplayStore struct {
	capacity int
	horizon  time.Duration
	slice    time.Duration
	now      func() time.Time

	mu    sync.Mutex
	held  int
	slots [replaySlices]replaySlice
}

// replaySlice holds the keys that expire in the slice numbered end: after
// (end-1)·width and no later than end·width.
type replaySlice struct {
	end  int64
	keys map[replayKey]struct{}
}

// replayKey is the half of a key the memory store keeps: 128 bits of a
// SHA-256 still make a chance collision among a million keys less likely
// than one in 2^100, and halve the memory.
type replayKey [16]byte

// NewMemoryReplayStore returns a store that holds at most capacity keys,
// none expiring more than horizon after now. now is its clock (nil for
// time.Now); give it the verifier's clock, since expiries are on that
// clock.
func NewMemoryReplayStore(capacity int, horizon time.Duration, now func() time.Time) *MemoryReplayStore {
	if capacity <= 0 {
		capacity = DefaultReplayCapacity
	}
	if horizon <= 0 {
		horizon = time.Hour
	}
	if now == nil {
		now = time.Now
	}
	slice := (horizon + replaySlices - 3) / (replaySlices - 2) // rounded up
	return &MemoryReplayStore{capacity: capacity, horizon: horizon, slice: slice, now: now}
}

// Seen implements ReplayStore. It never waits, so ctx is not consulted.
func (s *MemoryReplayStore) Seen(_ context.Context, key [32]byte, expires time.Time) (bool, error) {
	now := s.now()
	k := replayKey(key[:16])
	s.mu.Lock()
	defer s.mu.Unlock()
	s.drop(now)
	for i := range s.slots {
		if _, ok := s.slots[i].keys[k]; ok {
			return true, nil
		}
	}
	if !expires.After(now) {
		return false, nil // nothing left to hold
	}
	if ahead := expires.Sub(now); ahead > s.horizon {
		return false, fmt.Errorf("replay store: an expiry %v ahead is past the store's horizon of %v", ahead, s.horizon)
	}
	if s.held >= s.capacity {
		return false, ErrReplayStoreFull
	}
	end := s.sliceOf(expires)
	slot := &s.slots[end%replaySlices]
	if slot.keys == nil {
		slot.end, slot.keys = end, map[replayKey]struct{}{}
	} else if slot.end != end {
		// Unreachable while the horizon check holds; refuse rather than
		// mix keys of two times in one slice.
		return false, fmt.Errorf("replay store: slice %d still holds keys of slice %d", end, slot.end)
	}
	slot.keys[k] = struct{}{}
	s.held++
	return false, nil
}

// drop forgets the slices whose time has passed: each is let go whole, for
// the garbage collector to reclaim in the background.
func (s *MemoryReplayStore) drop(now time.Time) {
	current := s.sliceOf(now)
	for i := range s.slots {
		if sl := &s.slots[i]; sl.keys != nil && sl.end < current {
			s.held -= len(sl.keys)
			sl.keys = nil
		}
	}
}

// sliceOf numbers the slice that holds an expiry at t: the first slice
// ending at or after t.
func (s *MemoryReplayStore) sliceOf(t time.Time) int64 {
	n := t.UnixNano()
	w := int64(s.slice)
	end := n / w
	if n%w > 0 {
		end++
	}
	return end
}

// Len reports how many keys the store holds, expired slices not yet
// dropped included.
func (s *MemoryReplayStore) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.held
}

// Cap reports how many keys the store holds at most.
func (s *MemoryReplayStore) Cap() int { return s.capacity }

// replayBytesPerKey bounds what a held key costs in memory: 16 bytes of
// key and a control byte in a map slot, at the lowest load a map has just
// after it doubles, rounded up.
const replayBytesPerKey = 48
