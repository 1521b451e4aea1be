package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
)

func decodeData(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("bad test JSON %s: %v", s, err)
	}
	return v
}

func TestCompareAnswers(t *testing.T) {
	q := peerQuery{key: "x", tulkkiList: []string{"people", "nodes"}, peerList: []string{"people"}}
	tests := []struct {
		name        string
		tulkki      string
		peer        string
		wantSame    bool
		wantIDs     int
		onlyTulkki  []string
		onlyPeer    []string
		wantErrText string
	}{
		{
			name:     "same records, nested lists in another order and repeated",
			tulkki:   `{"people":{"nodes":[{"id":"p1","experiences":[{"id":"e1"},{"id":"e2"}]},{"id":"p2"}]}}`,
			peer:     `{"people":[{"id":"p1","experiences":[{"id":"e2"},{"id":"e1"},{"id":"e2"}]},{"id":"p2"}]}`,
			wantSame: true, wantIDs: 4,
		},
		{
			name:     "root lists in another order",
			tulkki:   `{"people":{"nodes":[{"id":"p1"},{"id":"p2"}]}}`,
			peer:     `{"people":[{"id":"p2"},{"id":"p1"}]}`,
			wantSame: false, wantIDs: 2,
		},
		{
			name:     "a nested id on one side only",
			tulkki:   `{"people":{"nodes":[{"id":"p1","experiences":[{"id":"e1"}]}]}}`,
			peer:     `{"people":[{"id":"p1","experiences":[{"id":"e1"},{"id":"e9"}]}]}`,
			wantSame: false, wantIDs: 2, onlyPeer: []string{"e9"},
		},
		{
			name:     "non-id strings are not compared",
			tulkki:   `{"people":{"nodes":[{"id":"p1","name":"Aino","organisation":{"id":"o1","sector":"PUBLIC"}}]}}`,
			peer:     `{"people":[{"id":"p1","name":"Aino","organisation":{"id":"o1","sector":[{"code":"PUBLIC"}]}}]}`,
			wantSame: true, wantIDs: 2,
		},
		{
			name:        "root list missing",
			tulkki:      `{"persons":[]}`,
			peer:        `{"people":[]}`,
			wantErrText: "people.nodes",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, diff, err := compareAnswers(q, decodeData(t, tt.tulkki), decodeData(t, tt.peer))
			if tt.wantErrText != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErrText) {
					t.Fatalf("err = %v, want one naming %q", err, tt.wantErrText)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff.Empty() != tt.wantSame || n != tt.wantIDs {
				t.Errorf("same = %v with %d ids, want %v with %d; diff:\n%s", diff.Empty(), n, tt.wantSame, tt.wantIDs, diff)
			}
			if !slices.Equal(diff.OnlyTulkki, tt.onlyTulkki) || !slices.Equal(diff.OnlyPeer, tt.onlyPeer) {
				t.Errorf("only Tulkki %v, only peer %v; want %v, %v", diff.OnlyTulkki, diff.OnlyPeer, tt.onlyTulkki, tt.onlyPeer)
			}
		})
	}
}

func TestRootIDsSingleObject(t *testing.T) {
	got, err := rootIDs(decodeData(t, `{"person":{"id":"p7","experiences":[{"id":"e1"}]}}`), []string{"person"})
	if err != nil || !slices.Equal(got, []string{"p7"}) {
		t.Fatalf("rootIDs = %v, %v; want [p7]", got, err)
	}
	got, err = rootIDs(decodeData(t, `{"person":null}`), []string{"person"})
	if err != nil || len(got) != 0 {
		t.Fatalf("rootIDs of null = %v, %v; want none", got, err)
	}
}

func TestPickPerson(t *testing.T) {
	tests := []struct {
		name, data, want string
		stints           int
	}{
		{"most stints", `{"people":[{"id":"a","experiences":[{}]},{"id":"b","experiences":[{},{},{}]},{"id":"c","experiences":[{},{}]}]}`, "b", 3},
		{"first on a tie", `{"people":[{"id":"a","experiences":[{},{}]},{"id":"b","experiences":[{},{}]}]}`, "a", 2},
		{"nobody", `{"people":[]}`, "", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, n := pickPerson(decodeData(t, tt.data))
			if id != tt.want || n != tt.stints {
				t.Errorf("pickPerson = %q, %d; want %q, %d", id, n, tt.want, tt.stints)
			}
		})
	}
}

func TestSpread(t *testing.T) {
	tests := []struct {
		xs   []float64
		want spread
		text string
	}{
		{nil, spread{}, "0.0"},
		{[]float64{2}, spread{2, 2, 2}, "2.0"},
		{[]float64{3, 1, 2}, spread{1, 2, 3}, "1.0–3.0 (2.0)"},
		{[]float64{4, 1, 2, 3}, spread{1, 2.5, 4}, "1.0–4.0 (2.5)"},
	}
	for _, tt := range tests {
		got := spreadOf(tt.xs)
		if got != tt.want || got.format(1) != tt.text {
			t.Errorf("spreadOf(%v) = %+v %q; want %+v %q", tt.xs, got, got.format(1), tt.want, tt.text)
		}
	}
	if got := ratios([]float64{10, 20, 30}, []float64{5, 0, 10}); !slices.Equal(got, []float64{2, 3}) {
		t.Errorf("ratios skip a zero divisor: got %v, want [2 3]", got)
	}
}

func TestParseProcStatus(t *testing.T) {
	tests := []struct {
		name      string
		status    string
		rss, peak int64
		wantErr   bool
	}{
		{"linux", "Name:\tnode\nVmPeak:\t 1000 kB\nVmHWM:\t  2048 kB\nVmRSS:\t  1024 kB\nThreads:\t7\n", 1024 * 1024, 2048 * 1024, false},
		{"missing lines", "Name:\tnode\n", 0, 0, true},
		{"other unit", "VmHWM:\t2 MB\nVmRSS:\t1 MB\n", 0, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rss, peak, err := parseProcStatus([]byte(tt.status))
			if (err != nil) != tt.wantErr || rss != tt.rss || peak != tt.peak {
				t.Errorf("parseProcStatus = %d, %d, %v; want %d, %d, error %v", rss, peak, err, tt.rss, tt.peak, tt.wantErr)
			}
		})
	}
}

func TestParseProcStat(t *testing.T) {
	tests := []struct {
		name    string
		stat    string
		want    time.Duration
		wantErr bool
	}{
		{"linux", "4242 (tulkki) S 1 4242 4242 0 -1 4194560 1234 0 0 0 150 25 0 0 20 0 9 0 100 0 0\n", 1750 * time.Millisecond, false},
		{"spaces and parentheses in the name", "7 (node (v20) x) R 1 7 7 0 -1 0 0 0 0 0 3 4 0 0 20 0 1 0 5 0 0\n", 70 * time.Millisecond, false},
		{"too short", "7 (node) R 1 2 3\n", 0, true},
		{"no name", "garbage", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseProcStat([]byte(tt.stat))
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("parseProcStat = %v, %v; want %v, error %v", got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestParseStatementsMetric(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		want    int64
		wantErr bool
	}{
		{"counter", "# HELP tulkki_cypher_statements_total Cypher statements\n# TYPE tulkki_cypher_statements_total counter\ntulkki_cypher_statements_total 12345\n", 12345, false},
		{"exponent", "tulkki_cypher_statements_total 1.2e+06\n", 1_200_000, false},
		{"absent", "go_goroutines 12\n", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseStatementsMetric([]byte(tt.text))
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("parseStatementsMetric = %d, %v; want %d, error %v", got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestSelectQueries(t *testing.T) {
	qs, err := selectQueries("d, a")
	if err != nil || len(qs) != 2 || qs[0].key != "d" || qs[1].key != "a" {
		t.Fatalf("selectQueries(d, a) = %v, %v", qs, err)
	}
	if _, err := selectQueries("a,z"); err == nil {
		t.Error("selectQueries(a,z): want an error for z")
	}
}
