package main

import (
	"log/slog"
	"os"
	"runtime/debug"
)

// Garbage-collector settings serve uses unless the operator set GOGC or
// GOMEMLIMIT (which the Go runtime reads itself, and which then win).
//
// An answer of a few hundred kilobytes is built from thousands of small
// objects, so with Go's default (collect when the heap doubles over what
// is live) a small, idle-ish server spends a quarter of a large request's
// CPU collecting. Collecting less often, but no later than a soft limit,
// trades that CPU for memory the server then does not exceed: on the
// bench-peer query b (20 organisations with 3,400 people) CPU per request
// went from 45–47 to 33–36 ms at one client (docs/performance.md, "Issue
// 12, the collector"). The limit is 64 MiB since queries take turns
// (graph/turns.go): with at most two per core running, what is live stays
// small enough that the lower limit costs no CPU, and eight concurrent
// clients of query b peak at 90–95 MiB RSS instead of 106–111 ("Issue 12,
// turns"). The limit is soft: a deployment whose live heap needs more
// (very large graphs, many concurrent workshop plans) sets GOMEMLIMIT to
// about 70 % of its container's memory (docs/deploy.md).
const (
	defaultGCPercent   = 400
	defaultMemoryLimit = 64 << 20 // bytes
)

// tuneGC applies the defaults above where the environment has not chosen.
func tuneGC(log *slog.Logger) {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(defaultGCPercent)
		log.Debug("garbage collector: GOGC not set, using the default", "gc_percent", defaultGCPercent)
	}
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(defaultMemoryLimit)
		log.Debug("garbage collector: GOMEMLIMIT not set, using the default", "memory_limit_bytes", defaultMemoryLimit)
	}
}
