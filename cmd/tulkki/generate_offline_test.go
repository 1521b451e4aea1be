package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/config"
	"github.com/tulkki/tulkki/internal/storetest"
)

// neo4jScript is scripts/neo4j.sh seen from this package's directory.
const neo4jScript = "../../scripts/neo4j.sh"

func TestSameLocalServer(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"bolt://127.0.0.1:7731", "bolt://127.0.0.1:7731", true},
		{"bolt://127.0.0.1:7731", "neo4j://localhost:7731", true},
		{"bolt://127.0.0.1:7731", "bolt://127.0.0.1:7688", false},
		{"bolt://127.0.0.1:7731", "bolt://db.example:7731", false},
		{"bolt://127.0.0.1", "bolt://127.0.0.1", false}, // no port: cannot tell
		{"", "bolt://127.0.0.1:7731", false},
	} {
		if got := sameLocalServer(c.a, c.b); got != c.want {
			t.Errorf("sameLocalServer(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestGenerateOfflineFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--people", "10", "--offline", "x", "--dry-run"}, "--dry-run writes nothing"},
		{[]string{"--people", "10", "--csv", "x", "--dry-run"}, "--dry-run writes nothing"},
		{[]string{"--people", "10", "--offline", "bench", "--neo4j-script", "no/such/neo4j.sh"}, "no/such/neo4j.sh not found"},
	} {
		if _, _, err := runGen(t, c.args...); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("generate %v: err = %v, want one containing %q", c.args, err, c.want)
		}
	}
	// --csv refuses a directory with files in it.
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runGen(t, "--people", "10", "--csv", dir); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("--csv into a non-empty directory: err = %v", err)
	}
}

// TestGenerateCSVFiles writes a generation's CSV files only and checks
// what neo4j-admin is told to read.
func TestGenerateCSVFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "csv")
	out, _, err := runGen(t, "--people", "200", "--seed", "5", "--csv", dir)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "tulkki migrate --after-bulk-load") {
		t.Errorf("no next steps in:\n%s", out)
	}
	args, err := os.ReadFile(filepath.Join(dir, "import.args"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(args)), "\n")
	lastNodes := -1
	for i, l := range lines {
		kind, spec, ok := strings.Cut(l, "=")
		if !ok {
			t.Fatalf("line %q", l)
		}
		switch kind {
		case "--nodes":
			lastNodes = i
			fallthrough
		case "--relationships":
			if i > 0 && kind == "--nodes" && strings.HasPrefix(lines[i-1], "--relationships") {
				t.Errorf("nodes after relationships: %q", l)
			}
			_, path, _ := strings.Cut(spec, "=")
			if info, err := os.Stat(path); err != nil || info.Size() == 0 {
				t.Errorf("%s: %v", l, err)
			}
		}
	}
	if lastNodes < 6 {
		t.Errorf("import.args names fewer than 7 node files:\n%s", args)
	}
}

// TestGenerateOfflineEqualsTransactional loads one small generation both
// ways: with transactions into the shared test database (in a namespace
// of its own) and offline into a scratch Neo4j instance of its own (the
// import replaces a whole database, so never the shared one). Every node
// and relationship of the generation, with every property, must be the
// same, and so must the schema and the migration records.
func TestGenerateOfflineEqualsTransactional(t *testing.T) {
	storetest.Open(t)
	ctx := context.Background()
	ns := "t" + strings.ReplaceAll(uuid.NewString(), "-", "")[:10]
	generateNamespace = ns
	defer func() { generateNamespace = "" }()
	prefix := "gen-" + ns + "-"
	cfg, err := config.FromEnv()
	if err != nil {
		t.Fatal(err)
	}
	shared := openDriver(t, cfg.Neo4j.URI, cfg.Neo4j.Username, cfg.Neo4j.Password)
	t.Cleanup(func() {
		query(t, shared, `MATCH (n) WHERE n.id STARTS WITH $p
OPTIONAL MATCH (n)-[:HAD_PHASE]->(pc:PhaseChange)
DETACH DELETE n, pc`, prefix)
	})
	if _, progress, err := runGen(t, "--people", "150", "--seed", "11", "--batch", "40"); err != nil {
		t.Fatalf("transactional generate: %v\n%s", err, progress)
	}
	want := dumpGraph(t, shared, prefix)

	// The scratch instance, on a free port, deleted afterwards.
	name := "offline-test-" + ns
	port := freePort(t)
	t.Setenv("NEO4J_BOLT_PORT", strconv.Itoa(port))
	t.Setenv("NEO4J_HEAP", "512m")
	t.Setenv("NEO4J_PAGECACHE", "256m")
	t.Setenv("NEO4J_IMPORT_MEMORY", "512m")
	t.Setenv("NEO4J_URI", fmt.Sprintf("bolt://127.0.0.1:%d", port))
	t.Cleanup(func() {
		if out, err := exec.Command(neo4jScript, "stop", name).CombinedOutput(); err != nil {
			t.Errorf("stop the scratch instance: %v\n%s", err, out)
		}
		os.RemoveAll(filepath.Join("..", "..", ".tulkki", "neo4j", name))
	})
	if out, err := exec.Command(neo4jScript, "start", name).CombinedOutput(); err != nil {
		t.Fatalf("start a scratch Neo4j: %v\n%s", err, out)
	}
	// A fresh instance may be migrated already (Sectors, Migration records):
	// that is still empty.
	if err := run(ctx, []string{"migrate"}, io.Discard, io.Discard); err != nil {
		t.Fatalf("migrate the scratch instance: %v", err)
	}
	out, progress, err := runGen(t, "--people", "150", "--seed", "11", "--offline", name, "--neo4j-script", neo4jScript)
	if err != nil {
		t.Fatalf("offline generate: %v\n%s", err, progress)
	}
	for _, w := range []string{"Loaded offline into the " + name + " instance", "records/s"} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	for _, w := range []string{"Step 1/4", "IMPORT DONE", "people          [========================] 100%", "Step 3/4",
		"constraints     [========================] 100%", "indexes         [========================] 100%"} {
		if !strings.Contains(progress, w) {
			t.Errorf("progress lacks %q:\n%s", w, progress)
		}
	}
	scratch := openDriver(t, os.Getenv("NEO4J_URI"), cfg.Neo4j.Username, cfg.Neo4j.Password)
	got := dumpGraph(t, scratch, prefix)

	compareDumps(t, "node", want.nodes, got.nodes)
	compareDumps(t, "relationship", want.rels, got.rels)
	compareDumps(t, "count", want.counts(), got.counts())
	// The scratch database holds the generation and what migrations make,
	// nothing else.
	if n := query(t, scratch, "MATCH (n) WHERE NOT (n.id STARTS WITH $p OR n:Sector OR n:Migration OR n:PhaseChange) RETURN count(n) AS n", prefix); n[0].Values[0].(int64) != 0 {
		t.Errorf("%v other nodes in the scratch database", n[0].Values[0])
	}
	for _, q := range []string{
		"MATCH (m:Migration) RETURN m.version AS v, m.name AS name ORDER BY v",
		"SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties RETURN * ORDER BY name",
		"SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state RETURN * ORDER BY name",
	} {
		compareDumps(t, q, rows(query(t, shared, q, "")), rows(query(t, scratch, q, "")))
	}

	// A second offline load would destroy the first: refused.
	if _, _, err := runGen(t, "--people", "150", "--seed", "11", "--offline", name, "--neo4j-script", neo4jScript); err == nil ||
		!strings.Contains(err.Error(), "not empty") {
		t.Errorf("offline load into a loaded database: err = %v", err)
	}
	// And so is one whose NEO4J_URI is another server's.
	t.Setenv("NEO4J_URI", cfg.Neo4j.URI)
	if _, _, err := runGen(t, "--people", "150", "--offline", name, "--neo4j-script", neo4jScript); err == nil ||
		!strings.Contains(err.Error(), "NEO4J_URI is") {
		t.Errorf("offline load with NEO4J_URI elsewhere: err = %v", err)
	}
}

func openDriver(t *testing.T, uri, user, password string) neo4j.DriverWithContext {
	t.Helper()
	drv, err := neo4j.NewDriverWithContext(uri, neo4j.BasicAuth(user, password, ""))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { drv.Close(context.Background()) })
	return drv
}

func query(t *testing.T, drv neo4j.DriverWithContext, q, prefix string) []*neo4j.Record {
	t.Helper()
	res, err := neo4j.ExecuteQuery(context.Background(), drv, q, map[string]any{"p": prefix}, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return res.Records
}

// graphDump is a generation as sorted lines: one per node and one per
// relationship, each with its properties and their Go types.
type graphDump struct{ nodes, rels []string }

// counts are the numbers of nodes per label and relationships per type.
func (d graphDump) counts() []string {
	n := map[string]int{}
	for _, l := range slices.Concat(d.nodes, d.rels) {
		n[strings.Fields(l)[0]]++
	}
	var out []string
	for k, v := range n {
		out = append(out, fmt.Sprintf("%s %d", k, v))
	}
	slices.Sort(out)
	return out
}

// dumpGraph reads the generation with ids starting with prefix, its phase
// changes and the sectors, and the relationships among them.
func dumpGraph(t *testing.T, drv neo4j.DriverWithContext, prefix string) graphDump {
	t.Helper()
	const key = `CASE WHEN %[1]s:PhaseChange THEN COLLECT { MATCH (c)-[:HAD_PHASE]->(%[1]s) RETURN c.id }[0] + '#' + toString(%[1]s.seq)
  ELSE coalesce(%[1]s.id, %[1]s.code) END`
	const inGen = `(%[1]s.id STARTS WITH $p OR %[1]s:Sector OR (%[1]s:PhaseChange AND EXISTS { MATCH (c)-[:HAD_PHASE]->(%[1]s) WHERE c.id STARTS WITH $p }))`
	var d graphDump
	for _, r := range query(t, drv, fmt.Sprintf("MATCH (n) WHERE "+inGen+" RETURN labels(n) AS labels, "+key+" AS key, properties(n) AS props", "n"), prefix) {
		props := r.Values[2].(map[string]any)
		d.nodes = append(d.nodes, fmt.Sprintf("%v %v %s", r.Values[0], r.Values[1], propLine(t, props)))
	}
	for _, r := range query(t, drv, fmt.Sprintf("MATCH (a)-[r]->(b) WHERE "+inGen+" AND "+strings.ReplaceAll(inGen, "%[1]s", "%[2]s")+
		" RETURN type(r) AS type, "+key+" AS a, "+strings.ReplaceAll(key, "%[1]s", "%[2]s")+" AS b, properties(r) AS props", "a", "b"), prefix) {
		d.rels = append(d.rels, fmt.Sprintf("%v %v->%v %s", r.Values[0], r.Values[1], r.Values[2], propLine(t, r.Values[3].(map[string]any))))
	}
	slices.Sort(d.nodes)
	slices.Sort(d.rels)
	if len(d.nodes) < 100 || len(d.rels) < 100 {
		t.Fatalf("only %d nodes and %d relationships of the generation", len(d.nodes), len(d.rels))
	}
	return d
}

// propLine formats properties with their types, sorted by name. The
// times of creation differ between two loads: only their type and that
// lastPhaseChangeAt without a history is the creation time are kept.
func propLine(t *testing.T, props map[string]any) string {
	t.Helper()
	var parts []string
	for k, v := range props {
		switch k {
		case "createdAt", "updatedAt":
			tm, ok := v.(time.Time)
			if !ok {
				t.Errorf("%s is a %T", k, v)
			}
			v = "a time in " + tm.Location().String()
		case "lastPhaseChangeAt":
			if v == props["createdAt"] {
				v = "createdAt"
			}
		}
		parts = append(parts, fmt.Sprintf("%s=%T(%v)", k, v, v))
	}
	slices.Sort(parts)
	return strings.Join(parts, " ")
}

func rows(recs []*neo4j.Record) []string {
	var out []string
	for _, r := range recs {
		out = append(out, fmt.Sprint(r.Values))
	}
	return out
}

// compareDumps reports the lines only one side has (at most ten of each).
func compareDumps(t *testing.T, what string, want, got []string) {
	t.Helper()
	n := map[string]int{}
	for _, w := range want {
		n[w]++
	}
	for _, g := range got {
		n[g]--
	}
	var missing, extra []string
	for l, c := range n {
		switch {
		case c > 0:
			missing = append(missing, l)
		case c < 0:
			extra = append(extra, l)
		}
	}
	slices.Sort(missing)
	slices.Sort(extra)
	if len(missing)+len(extra) > 0 {
		t.Errorf("%s: %d lines transactional, %d offline; only transactional (%d):\n  %s\nonly offline (%d):\n  %s", what,
			len(want), len(got), len(missing), strings.Join(missing[:min(10, len(missing))], "\n  "),
			len(extra), strings.Join(extra[:min(10, len(extra))], "\n  "))
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}
