package runtime

import (
	"context"
	"errors"
	"time"
)

// ReplayStore remembers the signed requests a verifier has accepted, so
// that each is accepted once. A service that runs several instances behind
// one address gives them one shared store (a Redis-backed one is in
// apigen's examples/redisreplay); a store per process only protects that
// process.
type ReplayStore interface {
	// Seen records key until expires and reports whether it was already
	// recorded and has not expired. Checking and recording are one atomic
	// step: of two calls with the same key, whichever instance makes them,
	// exactly one reports false.
	//
	// key is a SHA-256 of what the client signed, never text the caller
	// chose, so every key has the same small size. expires is on the
	// verifier's clock; a store may hold a key longer, never shorter.
	//
	// A store that cannot decide (full, unreachable, ctx done) returns an
	// error: the verifier then refuses the request rather than risk
	// accepting a replay, and the handler answers 503.
	Seen(ctx context.Context, key [32]byte, expires time.Time) (seen bool, err error)
}

// ErrReplayStoreFull is what a bounded store returns when holding one more
// key would pass its capacity: the request is refused until old keys
// expire, instead of the store growing without bound.
var ErrReplayStoreFull = errors.New("replay store is full")
