package synth

import "testing"

func BenchmarkPeople(b *testing.B) {
	g, err := New(Config{People: MaxPeople, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		g.NextPeople(1)
	}
}
