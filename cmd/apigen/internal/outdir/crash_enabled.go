//go:build apigen_crashpoints

package outdir

import (
	"os"
	"strconv"
	"sync/atomic"
	"syscall"
)

// crashAt is the step at which the crash-test build kills itself: the
// value of APIGEN_CRASH_AT, counting crash points from 1 across the run.
var (
	crashAt, _ = strconv.Atoi(os.Getenv("APIGEN_CRASH_AT"))
	crashSteps atomic.Int64
)

// crashPoint sends SIGKILL to the process itself at the chosen step, the
// same signal an impatient CI runner sends: no deferred function runs.
func crashPoint(string) {
	if crashAt > 0 && crashSteps.Add(1) == int64(crashAt) {
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
		select {}
	}
}
