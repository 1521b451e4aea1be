package validate

import "testing"

func TestPositiveDuration(t *testing.T) {
	for in, want := range map[string]string{"P30D": "P30D", " p6w ": "P6W", "P3M": "P3M", "PT12H": "PT12H",
		"P1Y2M3DT4H5M6S": "P1Y2M3DT4H5M6S", "P0DT1S": "P0DT1S"} {
		if got, err := PositiveDuration("stalledFor", in); err != nil || got != want {
			t.Errorf("PositiveDuration(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "P", "PT", "P0D", "P0Y0M0DT0H", "30d", "P-3D", "P1.5D", "P3DT", "1h", "P30D; MATCH (n) DETACH DELETE n", "P99999999D"} {
		if _, err := PositiveDuration("stalledFor", in); err == nil {
			t.Errorf("PositiveDuration(%q) accepted it", in)
		}
	}
}

func TestOptionalOneOf(t *testing.T) {
	valid := []string{"NEED", "OFFER"}
	for _, tc := range []struct {
		v    string
		want bool // accepted
	}{
		{"", true},
		{"NEED", true},
		{"need", false},
		{"BOTH", false},
	} {
		if err := OptionalOneOf("kind", tc.v, valid); (err == nil) != tc.want {
			t.Errorf("OptionalOneOf(%q) = %v, want accepted %v", tc.v, err, tc.want)
		}
	}
}
