package netsci

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// fixture is one JSON file written by testdata/make_fixtures.py: a classic
// network with expected values from NetworkX (betweenness, constraint,
// effective size) and from brute-force enumeration (cross-group
// betweenness, brokerage).
type fixture struct {
	Name          string     `json:"name"`
	NetworkX      string     `json:"networkx"`
	Nodes         []string   `json:"nodes"`
	Groups        []int      `json:"groups"`
	Edges         [][2]int   `json:"edges"`
	Betweenness   []float64  `json:"betweenness"`
	Constraint    []*float64 `json:"constraint"`     // null = NaN (isolated node)
	EffectiveSize []*float64 `json:"effective_size"` // null = NaN
	CrossGroup    []float64  `json:"cross_group_betweenness"`
	Brokerage     [][4]int64 `json:"brokerage"`
}

func loadFixtures(t *testing.T) []fixture {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 5 {
		t.Fatalf("found %d fixtures in testdata, want ≥ 5 (run make_fixtures.py)", len(paths))
	}
	var fs []fixture
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var f fixture
		if err := json.Unmarshal(b, &f); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		fs = append(fs, f)
	}
	return fs
}

func (f *fixture) graph(t *testing.T) *Graph {
	t.Helper()
	b := NewBuilder(len(f.Nodes))
	for v, gr := range f.Groups {
		b.SetGroup(v, gr)
	}
	for _, e := range f.Edges {
		b.AddEdge(e[0], e[1])
	}
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	if g.NumEdges() != len(f.Edges) {
		t.Fatalf("%s: %d edges, fixture has %d", f.Name, g.NumEdges(), len(f.Edges))
	}
	return g
}

const fixtureTol = 1e-6

// TestFixtures checks every node and measure of every fixture against the
// reference values to 1e-6 (in practice the agreement is ~1e-15; the test
// logs the worst difference per measure).
func TestFixtures(t *testing.T) {
	for _, f := range loadFixtures(t) {
		t.Run(f.Name, func(t *testing.T) {
			g := f.graph(t)
			ctx := context.Background()
			bc, err := Betweenness(ctx, g, BetweennessOptions{})
			if err != nil {
				t.Fatal(err)
			}
			xg, err := CrossGroupBetweenness(ctx, g, BetweennessOptions{})
			if err != nil {
				t.Fatal(err)
			}
			loc := Local(g)

			check := func(measure string, got []float64, want func(v int) float64) {
				t.Helper()
				worst := 0.0
				for v := range f.Nodes {
					w := want(v)
					if math.IsNaN(w) || math.IsNaN(got[v]) {
						if !(math.IsNaN(w) && math.IsNaN(got[v])) {
							t.Errorf("%s(%s) = %v, want %v", measure, f.Nodes[v], got[v], w)
						}
						continue
					}
					d := math.Abs(got[v] - w)
					worst = max(worst, d)
					if d > fixtureTol {
						t.Errorf("%s(%s) = %.12g, want %.12g (NetworkX %s)", measure, f.Nodes[v], got[v], w, f.NetworkX)
					}
				}
				t.Logf("%-24s max |Δ| = %.1e", measure, worst)
			}
			orNaN := func(p *float64) float64 {
				if p == nil {
					return math.NaN()
				}
				return *p
			}
			check("betweenness", bc, func(v int) float64 { return f.Betweenness[v] })
			check("cross-group betweenness", xg, func(v int) float64 { return f.CrossGroup[v] })
			check("constraint", loc.Constraint, func(v int) float64 { return orNaN(f.Constraint[v]) })
			check("effective size", loc.EffectiveSize, func(v int) float64 { return orNaN(f.EffectiveSize[v]) })

			// The single-measure entry points must agree with Local exactly.
			for v, c := range Constraint(g) {
				if !sameFloat(c, loc.Constraint[v]) {
					t.Errorf("Constraint(%d) = %v, Local gives %v", v, c, loc.Constraint[v])
				}
			}
			for v, e := range EffectiveSize(g) {
				if !sameFloat(e, loc.EffectiveSize[v]) {
					t.Errorf("EffectiveSize(%d) = %v, Local gives %v", v, e, loc.EffectiveSize[v])
				}
			}
			brok := Brokerage(g)
			for v := range f.Nodes {
				w := f.Brokerage[v]
				for _, got := range []BrokerageCounts{brok[v], loc.Brokerage[v]} {
					if [4]int64{got.Coordinator, got.Itinerant, got.GatekeeperRepresentative, got.Liaison} != w {
						t.Errorf("Brokerage(%s) = %+v, want %v", f.Nodes[v], got, w)
					}
				}
			}
		})
	}
}

func sameFloat(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
