package redisreplay_test

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"sync"
	"testing"
	"time"

	"example.com/redisreplay"
	"github.com/apigen/apigen/generated/waiqin"
)

// The store satisfies a generated package's interface without importing it.
var _ waiqin.ReplayStore = (*redisreplay.Store)(nil)

func testKey(n uint64) [32]byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], n)
	return sha256.Sum256(b[:])
}

func TestStoreSeen(t *testing.T) {
	rdb, _ := startRedis(t)
	ctx := context.Background()
	s := redisreplay.New(rdb, "test:replay:")
	expires := time.Now().Add(time.Minute)
	for _, step := range []struct {
		key  uint64
		seen bool
	}{{1, false}, {1, true}, {2, false}, {1, true}, {2, true}} {
		seen, err := s.Seen(ctx, testKey(step.key), expires)
		if err != nil || seen != step.seen {
			t.Fatalf("Seen(%d) = %v, %v; want %v", step.key, seen, err, step.seen)
		}
	}
	// One key per request, under the prefix, expiring when asked.
	k := testKey(1)
	name := "test:replay:" + hex.EncodeToString(k[:])
	ttl, err := rdb.PTTL(ctx, name).Result()
	if err != nil || ttl <= 58*time.Second || ttl > time.Minute {
		t.Fatalf("PTTL %s = %v, %v; want about a minute", name, ttl, err)
	}
	if n, err := rdb.DBSize(ctx).Result(); err != nil || n != 2 {
		t.Fatalf("DBSIZE = %d, %v; want 2", n, err)
	}
	// An expiry already past needs no key.
	if seen, err := s.Seen(ctx, testKey(3), time.Now().Add(-time.Second)); seen || err != nil {
		t.Fatalf("past expiry: %v, %v", seen, err)
	}
	if n, _ := rdb.DBSize(ctx).Result(); n != 2 {
		t.Fatalf("a past expiry was stored: DBSIZE = %d", n)
	}
}

func TestStoreForgetsAfterExpiry(t *testing.T) {
	rdb, _ := startRedis(t)
	ctx := context.Background()
	s := redisreplay.New(rdb, "")
	if seen, err := s.Seen(ctx, testKey(1), time.Now().Add(100*time.Millisecond)); seen || err != nil {
		t.Fatalf("first: %v, %v", seen, err)
	}
	if seen, err := s.Seen(ctx, testKey(1), time.Now().Add(time.Minute)); !seen || err != nil {
		t.Fatalf("within expiry: %v, %v", seen, err)
	}
	time.Sleep(250 * time.Millisecond)
	if seen, err := s.Seen(ctx, testKey(1), time.Now().Add(time.Minute)); seen || err != nil {
		t.Fatalf("after expiry: %v, %v", seen, err)
	}
}

// The time-to-live is computed on the clock the store is given.
func TestStoreClock(t *testing.T) {
	rdb, _ := startRedis(t)
	ctx := context.Background()
	then := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	s := redisreplay.New(rdb, "").WithClock(func() time.Time { return then })
	if seen, err := s.Seen(ctx, testKey(1), then.Add(10*time.Second)); seen || err != nil {
		t.Fatalf("%v, %v", seen, err)
	}
	k := testKey(1)
	if ttl, err := rdb.PTTL(ctx, hex.EncodeToString(k[:])).Result(); err != nil || ttl <= 9*time.Second || ttl > 10*time.Second {
		t.Fatalf("PTTL = %v, %v; want 10s on the store's clock", ttl, err)
	}
}

// Of many callers racing on one key, exactly one is told it is new.
func TestStoreConcurrent(t *testing.T) {
	rdb, _ := startRedis(t)
	s := redisreplay.New(rdb, "")
	expires := time.Now().Add(time.Minute)
	const keys, callers = 100, 16
	var mu sync.Mutex
	fresh := map[uint64]int{}
	var wg sync.WaitGroup
	for range callers {
		wg.Go(func() {
			for n := range uint64(keys) {
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
	for n := range uint64(keys) {
		if fresh[n] != 1 {
			t.Fatalf("key %d was new to %d callers, want 1", n, fresh[n])
		}
	}
}
