// Package redisreplay is a replay store kept in Redis, for a service that
// runs several instances of an apigen-generated handler: a signed request
// one instance accepted is refused by every other.
//
// Store has the method set of the ReplayStore interface every generated
// package with a signed server declares, and uses only standard types in
// it, so one Store serves any such package:
//
//	verifier := &waiqin.WaiqinVerifier{AppKeys: keys, Replay: redisreplay.New(rdb, "myapp:replay:")}
//	h := waiqin.NewHandler(impl, waiqin.WithVerifier(verifier))
//
// Redis must not forget keys before they expire, or a replay slips
// through: give the store a Redis (or a database of one) whose eviction
// policy is noeviction, with maxmemory set. A full Redis then refuses the
// write, the verifier refuses the request and the handler answers 503:
// fail closed, never unbounded.
package redisreplay

import (
	"context"
	"encoding/hex"
	"time"

	"github.com/redis/go-redis/v9"
)

// Store is a replay store in Redis: one key per accepted request, set
// with SET NX and an expiry, so recording and checking are one atomic
// step on the server whatever the number of instances.
type Store struct {
	rdb    redis.Cmdable
	prefix string
	now    func() time.Time
}

// New returns a store that keeps its keys in rdb under prefix (for
// example "myapp:replay:"), so they can be told from other data.
func New(rdb redis.Cmdable, prefix string) *Store {
	return &Store{rdb: rdb, prefix: prefix, now: time.Now}
}

// WithClock returns a copy of s that turns expiries into time-to-live
// with now instead of time.Now: give it the verifier's clock when that is
// not the system's.
func (s *Store) WithClock(now func() time.Time) *Store {
	c := *s
	c.now = now
	return &c
}

// Seen records key until expires and reports whether it was already
// recorded: SET NX refuses to overwrite a key that exists, so of two calls
// with one key, from any instances, exactly one sets it.
//
// The time-to-live is relative, so Redis holds the key for as long as the
// verifier asked whatever Redis's own clock says; it is rounded up to the
// millisecond, Redis's resolution.
func (s *Store) Seen(ctx context.Context, key [32]byte, expires time.Time) (bool, error) {
	ttl := expires.Sub(s.now())
	if ttl <= 0 {
		return false, nil // nothing left to hold
	}
	ttl = (ttl + time.Millisecond - 1).Truncate(time.Millisecond)
	set, err := s.rdb.SetNX(ctx, s.prefix+hex.EncodeToString(key[:]), 1, ttl).Result()
	if err != nil {
		return false, err
	}
	return !set, nil
}
