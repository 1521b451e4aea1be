package perf

import (
	"testing"
	"time"
)

func TestSummarise(t *testing.T) {
	var ds []time.Duration
	for i := 1; i <= 100; i++ {
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	s := Summarise(ds)
	if s.N != 100 || s.P50 != 50*time.Millisecond || s.P95 != 95*time.Millisecond || s.P99 != 99*time.Millisecond ||
		s.Max != 100*time.Millisecond || s.Mean != 50500*time.Microsecond {
		t.Fatalf("summary %+v", s)
	}
	if (Summarise(nil) != Latencies{}) {
		t.Fatal("empty series")
	}
}

func TestSamplePairs(t *testing.T) {
	ids := []string{"a", "b", "c", "d", "e"}
	p1, p2 := SamplePairs(ids, 8, 7), SamplePairs(ids, 8, 7)
	if len(p1) != 8 {
		t.Fatalf("%d pairs", len(p1))
	}
	seen := map[Pair]bool{}
	for i, p := range p1 {
		if p != p2[i] {
			t.Fatal("not deterministic")
		}
		if p.A == p.B || seen[p] || seen[Pair{p.B, p.A}] {
			t.Fatalf("pair %v repeats or joins an organisation with itself", p)
		}
		seen[p] = true
	}
	if got := SamplePairs(ids, 100, 1); len(got) != 10 {
		t.Fatalf("5 organisations have 10 pairs, got %d", len(got))
	}
}

// TestPairedOverhead: the median of the per-pair differences, relative to
// the direct median, whatever the noise shared by the two calls of a pair.
func TestPairedOverhead(t *testing.T) {
	var r Result
	var direct []time.Duration
	for i := range 101 {
		d := time.Duration(10+i%7) * time.Millisecond // shared noise
		extra := time.Millisecond
		if i%10 == 0 {
			extra = 20 * time.Millisecond // a few outliers do not move the median
		}
		direct = append(direct, d)
		r.extra = append(r.extra, extra)
	}
	r.Direct = Summarise(direct)
	if got, want := r.PairedOverhead(), float64(time.Millisecond)/float64(r.Direct.P50); got != want {
		t.Fatalf("paired overhead %v, want %v (direct p50 %v)", got, want, r.Direct.P50)
	}
	if (Result{}).PairedOverhead() != 0 {
		t.Fatal("no pairs")
	}
}
