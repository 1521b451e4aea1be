package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/tulkki/tulkki/internal/analysis"
)

func runAnalyze(ctx context.Context, env *environment, args []string) error {
	fs := flag.NewFlagSet("analyze", flag.ContinueOnError)
	samples := fs.Int("samples", 0, "betweenness pivots: 0 = automatic (exact for small networks), -1 = always exact")
	seed := fs.Uint64("seed", 1, "seed for choosing the pivots when sampling")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openMigrated(ctx, env)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	bar := newPhaseBar(os.Stderr)
	rep, err := analysis.Run(ctx, st, analysis.Options{Samples: *samples, Seed: *seed, Progress: bar.update})
	bar.finish()
	if err != nil {
		return err
	}
	method := "exact"
	if rep.Samples > 0 {
		method = fmt.Sprintf("sampled from %d sources", rep.Samples)
	}
	fmt.Fprintf(env.stdout, "Analysed %d people and %d co-membership links in %s (betweenness %s).\n",
		rep.People, rep.Edges, rep.Took.Round(time.Millisecond), method)
	for _, p := range rep.Phases {
		fmt.Fprintf(env.stdout, "  %-26s %s\n", p.Name, p.Took.Round(time.Millisecond))
	}
	return nil
}

// phaseBar shows the progress of long work as one updating line per phase
// on a terminal, and as a line every ~10 % elsewhere (CI logs, pipes).
type phaseBar struct {
	mu       sync.Mutex
	w        io.Writer
	terminal bool
	phase    string
	lastPct  int
	started  time.Time
}

func newPhaseBar(f *os.File) *phaseBar {
	info, err := f.Stat()
	return &phaseBar{w: f, terminal: err == nil && info.Mode()&os.ModeCharDevice != 0, lastPct: -1}
}

func (b *phaseBar) update(phase string, done, total int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if phase != b.phase {
		if b.phase != "" && b.terminal {
			fmt.Fprintln(b.w)
		}
		b.phase, b.lastPct, b.started = phase, -1, time.Now()
	}
	pct := 100
	if total > 0 {
		pct = done * 100 / total
	}
	if b.terminal {
		const width = 30
		filled := pct * width / 100
		bar := make([]byte, width)
		for i := range bar {
			bar[i] = '.'
			if i < filled {
				bar[i] = '#'
			}
		}
		fmt.Fprintf(b.w, "\r  %-26s [%s] %3d%%  %d/%d  %s", phase, bar, pct, done, total, time.Since(b.started).Round(time.Second))
		return
	}
	if pct/10 != b.lastPct/10 || pct == 100 && b.lastPct != 100 {
		fmt.Fprintf(b.w, "  %-26s %3d%%  %d/%d  %s\n", phase, pct, done, total, time.Since(b.started).Round(time.Second))
	}
	b.lastPct = pct
}

func (b *phaseBar) finish() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.terminal && b.phase != "" {
		fmt.Fprintln(b.w)
	}
}
