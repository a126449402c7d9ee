package runtime

import (
	"context"
	"errors"
	"sync"
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

// replayGrace is how much longer than the window a request is
// remembered: instances sharing a store may disagree on the time by this
// much without a replay slipping through when one instance's clock lags.
const replayGrace = time.Minute

// unknownKeySecret signs for a caller that has no secret, so an unknown
// caller costs the same work as a wrong signature and the answer is the
// same.
const unknownKeySecret = "\x00no app key"

// replayGuard is a verifier's memory of the requests it accepted.
type replayGuard struct {
	once  sync.Once
	store ReplayStore // the verifier's, or the default made on first use
}

// check refuses a request signed at `at` whose key it has seen, and
// remembers it until its timestamp leaves the window (after that the
// window check refuses it), plus the grace. Without a given store it
// keeps a memory store on the verifier's clock that holds keys as long as
// the window allows: a timestamp up to a window ahead, remembered a
// window and the grace past it. The first call fixes the store.
func (g *replayGuard) check(ctx context.Context, given ReplayStore, now func() time.Time, window time.Duration, key [32]byte, at time.Time) error {
	g.once.Do(func() {
		g.store = given
		if g.store == nil {
			g.store = NewMemoryReplayStore(DefaultReplayCapacity, 2*window+replayGrace, now)
		}
	})
	seen, err := g.store.Seen(ctx, key, at.Add(window+replayGrace))
	if err != nil {
		if errors.Is(err, ErrReplayStoreFull) {
			return &UnavailableError{Reason: "too many requests to check for replays; retry later", Err: err}
		}
		return &UnavailableError{Reason: "replay check unavailable; retry later", Err: err}
	}
	if seen {
		return &AuthError{Reason: "replayed request: this signature was already accepted"}
	}
	return nil
}
