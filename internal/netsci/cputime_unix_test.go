//go:build unix

package netsci

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time (user + system) used by this process so far,
// so that the timing reports can give a per-core rate that is not skewed by
// other processes competing for the machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
