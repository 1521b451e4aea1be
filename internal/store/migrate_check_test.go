package store

import "testing"

func TestCheckRecordedMigrations(t *testing.T) {
	same := map[int]string{}
	for _, m := range migrations {
		same[m.Version] = m.Name
	}
	renamed := map[int]string{1: migrations[0].Name, migrations[1].Version: "something else"}
	cases := []struct {
		name     string
		recorded map[int]string
		wantErr  bool
	}{
		{"fresh database", map[int]string{}, false},
		{"all applied by this build", same, false},
		{"some applied", map[int]string{1: migrations[0].Name}, false},
		{"a newer build's migration", map[int]string{1: migrations[0].Name, 999: "from the future"}, false},
		{"same version, other name", renamed, true},
	}
	for _, c := range cases {
		err := checkRecordedMigrations(c.recorded)
		if (err != nil) != c.wantErr {
			t.Errorf("%s: error %v, want error %v", c.name, err, c.wantErr)
		}
	}
}
