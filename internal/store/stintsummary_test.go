package store

import (
	"testing"

	"github.com/tulkki/tulkki/internal/model"
)

func TestParseStintSummary(t *testing.T) {
	end := model.Date{Year: 2021, Month: 5, Day: 31}
	cases := []struct {
		text string
		want model.StintRow
		ok   bool
	}{
		{"PUBLIC|EMPLOYMENT|2019-03-01|2021-05-31", model.StintRow{Sector: model.SectorPublic, Kind: model.ExperienceEmployment,
			Start: model.Date{Year: 2019, Month: 3, Day: 1}, End: &end}, true},
		{"THIRD|VOLUNTEER|2024-12-09|", model.StintRow{Sector: model.SectorThird, Kind: model.ExperienceVolunteer,
			Start: model.Date{Year: 2024, Month: 12, Day: 9}}, true},
		{"THIRD|VOLUNTEER|2024-12-09", model.StintRow{}, false},
		{"THIRD|VOLUNTEER|2024-13-09|", model.StintRow{}, false},
		{"THIRD|VOLUNTEER|2024-12-09|2025-1-1", model.StintRow{}, false},
		{"THIRD|VOLUNTEER|20x4-12-09|", model.StintRow{}, false},
		{"", model.StintRow{}, false},
	}
	for _, c := range cases {
		got, ok := parseStintSummary(c.text)
		if ok != c.ok {
			t.Errorf("%q: ok %v, want %v", c.text, ok, c.ok)
			continue
		}
		if !ok {
			continue
		}
		if got.Sector != c.want.Sector || got.Kind != c.want.Kind || got.Start != c.want.Start ||
			(got.End == nil) != (c.want.End == nil) || (got.End != nil && *got.End != *c.want.End) {
			t.Errorf("%q: got %+v, want %+v", c.text, got, c.want)
		}
	}
}
