package redisreplay_test

import (
	"bytes"
	"context"
	"errors"
	"net"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// startRedis runs a redis-server of the test's own on 127.0.0.1, in a
// temporary directory, persisting nothing, and returns a client of it and
// a function that stops it early. Without redis-server installed the test
// is skipped, unless APIGEN_REQUIRE_REDIS=1 (as CI sets it) makes that a
// failure.
func startRedis(t *testing.T) (*redis.Client, func()) {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		if os.Getenv("APIGEN_REQUIRE_REDIS") == "1" {
			t.Fatal("redis-server is not installed, and APIGEN_REQUIRE_REDIS=1 requires it (apt-get install redis-server)")
		}
		t.Skip("redis-server is not installed: install it (apt-get install redis-server) to test the Redis replay store")
	}
	// A port the kernel just handed out is free unless another process
	// takes it in between: try a few.
	var lastErr error
	for range 3 {
		port := freePort(t)
		cmd := exec.Command(bin,
			"--bind", "127.0.0.1", "--port", strconv.Itoa(port),
			"--dir", t.TempDir(), "--save", "", "--appendonly", "no",
			"--maxmemory-policy", "noeviction")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatalf("starting redis-server: %v", err)
		}
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		stop := func() {
			_ = cmd.Process.Kill()
			<-done
		}
		rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:" + strconv.Itoa(port), DialTimeout: time.Second})
		if lastErr = waitForRedis(rdb, done); lastErr == nil {
			t.Cleanup(func() {
				_ = rdb.Close()
				stop()
			})
			return rdb, stop
		}
		_ = rdb.Close()
		stop()
		lastErr = errors.New(lastErr.Error() + "\n" + out.String())
	}
	t.Fatalf("redis-server did not start: %v", lastErr)
	return nil, nil
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// waitForRedis pings until the server answers, it exits or 10 s pass.
func waitForRedis(rdb *redis.Client, exited <-chan struct{}) error {
	deadline := time.Now().Add(10 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		err := rdb.Ping(ctx).Err()
		cancel()
		if err == nil {
			return nil
		}
		select {
		case <-exited:
			return errors.New("redis-server exited")
		default:
		}
		if time.Now().After(deadline) {
			return err
		}
		time.Sleep(20 * time.Millisecond)
	}
}
