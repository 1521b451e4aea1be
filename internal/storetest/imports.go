package storetest

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// importNames are the unique names (of topics and organisations) of the
// import example set, which ImportExample makes a test's own.
var importNames = []string{"Loneliness among the elderly", "Youth employment", "Kaarinan Kotiapu ry",
	"Aurajoen hyvinvointialue", "Skärgårdens Forskningsinstitut"}

// ImportExample reads the import example set testdata/import/<set> by file
// name, with suffix appended to its names (names are unique in the shared
// test database) and each of drop (a whole line) taken out.
func ImportExample(t testing.TB, set, suffix string, drop ...string) map[string][]byte {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(here), "..", "..", "testdata", "import", set)
	paths, err := filepath.Glob(filepath.Join(dir, "*.csv"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no files in %s", dir)
	}
	out := map[string][]byte{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		for _, n := range importNames {
			s = strings.ReplaceAll(s, n, n+" "+suffix)
		}
		for _, line := range drop {
			s = strings.Replace(s, line, "", 1)
		}
		out[filepath.Base(p)] = []byte(s)
	}
	return out
}
