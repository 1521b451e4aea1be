package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tulkki/tulkki/internal/model"
)

// offlineFixture is a small set whose derived values are worked out by
// hand below: two organisations in two sectors, and a person with a
// finished stint in each and an ongoing one.
func offlineFixture() ImportSet {
	d := func(y int, m time.Month, day int) model.Date { return model.Date{Year: y, Month: m, Day: day} }
	end1, end2 := d(2020, 1, 11), d(2021, 1, 1)
	return ImportSet{
		Topics: []model.Topic{{ID: "t1", Name: " Care ", NameFi: "Hoiva", NameSv: "Omsorg", Description: `say "hi"`}},
		Organisations: []ImportOrganisation{
			{Organisation: model.Organisation{ID: "o1", Name: "City", Kind: "MUNICIPALITY", Sector: model.SectorPublic}, TopicIDs: []string{"t1", "t1"}},
			{Organisation: model.Organisation{ID: "o2", Name: "Assoc", Kind: "ASSOCIATION", Sector: model.SectorThird, Description: "two\nlines"}},
		},
		People: []ImportPerson{{
			Person: model.Person{ID: "p1", Name: "Aino", Languages: []string{"fi", "en"}, Visibility: "PUBLIC"},
			Experiences: []model.Experience{
				// Out of order on purpose: the summary is by start, then id.
				{ID: "e3", OrganisationID: "o1", Kind: "EMPLOYMENT", StartDate: d(2024, 12, 22)},
				{ID: "e2", OrganisationID: "o2", Kind: "VOLUNTEER", StartDate: d(2020, 1, 1), EndDate: &end2},
				{ID: "e1", OrganisationID: "o1", Kind: "EMPLOYMENT", StartDate: d(2020, 1, 1), EndDate: &end1},
			},
		}},
		Collaborations: []ImportCollaboration{{
			Collaboration: model.Collaboration{ID: "c1", Title: "Joint", Form: "PROJECT", Phase: "LAUNCHED"},
			Partners: []model.Partnership{{OrganisationID: "o1", Role: "PARTNER"}, {OrganisationID: "o2", Role: "PARTNER"},
				{OrganisationID: "o1", Role: "LEAD"}},
			PhaseHistory: []model.PhaseChange{{Phase: "NEED_IDENTIFIED", At: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)},
				{Phase: "LAUNCHED", At: time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC)}},
		}},
	}
}

func TestOfflineWriterFiles(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC) // the ongoing stint: 10 days to now's day
	w, err := NewOfflineWriter(dir, now)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(offlineFixture()); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, c := range []struct{ file, want string }{
		// Empty strings quoted (stored as ""), absent values not; quotes doubled.
		// Every node has a number in its label's id space; the string id is
		// the property id.
		{"Topic.csv", ":ID(Topic),id,name,nameKey,nameFi,nameSv,description\n" + `0,"t1"," Care ","care","Hoiva","Omsorg","say ""hi"""`},
		{"Organisation.csv", `1,"o2","Assoc","assoc","ASSOCIATION","","","two` + "\n" + `lines",2025-01-01T12:00:00Z,2025-01-01T12:00:00Z`},
		// PUBLIC 10 + 10 days (e1 and the ongoing e3), THIRD 366 (2020 is a
		// leap year): PUBLIC_PUBLIC 20, PUBLIC_THIRD min = 20, THIRD_THIRD 366.
		{"Person.csv", `0,"p1","Aino","","fi;en","","","","PUBLIC",false,false,2025-01-01T12:00:00Z,2025-01-01T12:00:00Z,` +
			`"PUBLIC|EMPLOYMENT|2020-01-01|2020-01-11;THIRD|VOLUNTEER|2020-01-01|2021-01-01;PUBLIC|EMPLOYMENT|2024-12-22|",20,,20,,,,,366,,` + "\n"},
		{"Experience.csv", `0,"e3","EMPLOYMENT","",2024-12-22,` + "\n"},
		{"HAS_EXPERIENCE.csv", ":START_ID(Person),:END_ID(Experience)\n0,0\n0,1\n0,2\n"},
		{"AT.csv", ":START_ID(Experience),:END_ID(Organisation)\n0,0\n1,1\n2,0\n"},
		// Two partner sectors; the last phase change's time, with its zone's name.
		{"Collaboration.csv", `0,"c1","Joint","","PROJECT","LAUNCHED",,,,,,2025-01-01T12:00:00Z,2025-01-01T12:00:00Z,2,2024-05-06T00:00:00Z[UTC]`},
		{"PhaseChange.csv", `0,1,"NEED_IDENTIFIED",2024-01-02T03:04:05Z[UTC],"",""`},
		// Duplicates as Import writes them: one topic link, the last role.
		{"INTERESTED_IN.csv", ":START_ID(Organisation),:END_ID(Topic)\n0,0\n"},
		{"PARTNER_IN.csv", ":START_ID(Organisation),:END_ID(Collaboration),role\n0,0,\"LEAD\"\n1,0,\"PARTNER\"\n"},
		{"Sector.csv", ":ID(Sector),code\n0,\"PUBLIC\"\n"},
		{"IN_SECTOR.csv", "\n1,2\n"}, // o2 is THIRD, the third sector
		{"import.args", "--id-type=integer"},
		// A line break in a value asks the importer to read multi-line fields.
		{"import.args", "--multiline-fields=true"},
	} {
		if got := read(c.file); !strings.Contains(got, c.want) {
			t.Errorf("%s lacks %q:\n%s", c.file, c.want, got)
		}
	}
	if w.Nodes != 4+1+2+1+3+1+2 || w.Relationships != 2+1+3+3+2+2 {
		t.Errorf("counted %d nodes and %d relationships", w.Nodes, w.Relationships)
	}
}

func TestOfflineWriterRefuses(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(*ImportSet)
		want   string
	}{
		{"unknown organisation", func(s *ImportSet) { s.People[0].Experiences[0].OrganisationID = "nope" }, "unknown organisation nope"},
		{"unknown partner", func(s *ImportSet) { s.Collaborations[0].Partners[0].OrganisationID = "nope" }, "unknown partner nope"},
		{"unknown sector", func(s *ImportSet) { s.Organisations[0].Organisation.Sector = "NONE" }, "unknown sector"},
		{"no languages", func(s *ImportSet) { s.People[0].Person.Languages = nil }, "empty list"},
		{"no stints", func(s *ImportSet) { s.People[0].Experiences = nil }, "empty list"},
		{"delimiter in a list", func(s *ImportSet) { s.People[0].Person.Languages = []string{"fi;sv"} }, "list delimiter"},
		{"unknown topic", func(s *ImportSet) { s.Organisations[1].TopicIDs = []string{"nope"} }, "unknown topic nope"},
		{"unknown contributor", func(s *ImportSet) {
			s.Collaborations[0].Contributors = []model.Contribution{{PersonID: "nope", Role: "MEMBER"}}
		}, "unknown person nope"},
		{"duplicate organisation", func(s *ImportSet) { s.Organisations[1].Organisation.ID = "o1" }, "two organisations have the id o1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			w, err := NewOfflineWriter(t.TempDir(), time.Now())
			if err != nil {
				t.Fatal(err)
			}
			defer w.Abort()
			set := offlineFixture()
			c.change(&set)
			if err := w.Write(set); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want one containing %q", err, c.want)
			}
		})
	}
}
