//go:build !unix

package netsci

import "time"

// cpuTime is unavailable here; the reports then show only wall time.
func cpuTime() time.Duration { return 0 }
