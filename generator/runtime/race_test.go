//go:build race

package runtime

// raceEnabled skips allocation counts: under the race detector sync.Pool
// drops items on purpose, so regexp matching allocates.
const raceEnabled = true
