// Package seed loads Tulkki's fictional Finnish demo dataset. The data lives
// as readable JSON under data/ (embedded into the binary); this package only
// parses, checks and writes it.
package seed

import (
	"embed"
	"encoding/json"
	"fmt"
)

//go:embed data/*.json
var dataFS embed.FS

// Dataset is the whole demo dataset, one slice per JSON file.
type Dataset struct {
	Topics         []Topic         `json:"-"`
	Organisations  []Organisation  `json:"-"`
	People         []Person        `json:"-"`
	Collaborations []Collaboration `json:"-"`
}

// Topic is one entry of data/topics.json.
type Topic struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	NameFi      string `json:"nameFi"`
	NameSv      string `json:"nameSv"`
	Description string `json:"description"`
}

// Organisation is one entry of data/organisations.json.
type Organisation struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Kind        string   `json:"kind"`
	Sector      string   `json:"sector"`
	Region      string   `json:"region"`
	Website     string   `json:"website"`
	Description string   `json:"description"`
	Topics      []string `json:"topics"`
}

// Person is one entry of data/people.json, with the person's experiences
// nested under them.
type Person struct {
	ID             string       `json:"id"`
	Name           string       `json:"name"`
	Headline       string       `json:"headline"`
	Languages      []string     `json:"languages"`
	Region         string       `json:"region"`
	Email          string       `json:"email"`
	Phone          string       `json:"phone"`
	Visibility     string       `json:"visibility"`
	OpenToBridging bool         `json:"openToBridging"`
	Contactable    bool         `json:"contactable"`
	Expertise      []string     `json:"expertise"`
	Experiences    []Experience `json:"experiences"`
}

// Experience is one stint of a person at an organisation. An empty EndDate
// means the stint is ongoing. Dates are ISO 8601 calendar dates.
type Experience struct {
	ID           string `json:"id"`
	Organisation string `json:"organisation"`
	Kind         string `json:"kind"`
	RoleTitle    string `json:"roleTitle"`
	StartDate    string `json:"startDate"`
	EndDate      string `json:"endDate,omitempty"`
}

// Collaboration is one entry of data/collaborations.json.
type Collaboration struct {
	ID           string        `json:"id"`
	Title        string        `json:"title"`
	Description  string        `json:"description"`
	Form         string        `json:"form"`
	Phase        string        `json:"phase"`
	StartDate    string        `json:"startDate"`
	EndDate      string        `json:"endDate,omitempty"`
	Topics       []string      `json:"topics"`
	Partners     []Partner     `json:"partners"`
	Contributors []Contributor `json:"contributors"`
	Evaluation   *Evaluation   `json:"evaluation,omitempty"`
	PhaseHistory []PhaseStep   `json:"phaseHistory"`
}

// Partner is an organisation taking part in a collaboration.
type Partner struct {
	Organisation string `json:"organisation"`
	Role         string `json:"role"`
}

// Contributor is a person taking part in a collaboration.
type Contributor struct {
	Person string `json:"person"`
	Role   string `json:"role"`
}

// Evaluation is the joint evaluation of an evaluated collaboration.
type Evaluation struct {
	Rating int    `json:"rating"`
	Notes  string `json:"notes"`
	At     string `json:"at"`
}

// PhaseStep is one entry of a collaboration's phase history.
type PhaseStep struct {
	Phase string `json:"phase"`
	At    string `json:"at"`
	Note  string `json:"note,omitempty"`
}

// Load parses the embedded dataset.
func Load() (*Dataset, error) {
	var ds Dataset
	files := []struct {
		name string
		into any
	}{
		{"data/topics.json", &ds.Topics},
		{"data/organisations.json", &ds.Organisations},
		{"data/people.json", &ds.People},
		{"data/collaborations.json", &ds.Collaborations},
	}
	for _, f := range files {
		raw, err := dataFS.ReadFile(f.name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", f.name, err)
		}
		if err := json.Unmarshal(raw, f.into); err != nil {
			return nil, fmt.Errorf("parse %s: %w", f.name, err)
		}
	}
	return &ds, nil
}
