package model

import "time"

// PersonalRecords is what Tulkki holds about a person beyond their profile,
// stints, expertise and contributions (store.PersonalRecords), for
// exportMyData.
type PersonalRecords struct {
	// Stored are all properties stored on the person, by name: the
	// profile's and the values kept for searching and ranking (network
	// measures, stint summaries, sector-pair days).
	Stored       map[string]any
	Seats        []PersonalSeat
	Workshops    []PersonalWorkshop
	PhaseChanges []PersonalPhaseChange
}

// PersonalSeat is a seat the person has at a workshop.
type PersonalSeat struct {
	WorkshopID, Title string
	Date              *Date
	Table             int
	Role              string
}

// PersonalWorkshop is a workshop that names the person: created by them,
// or with them in its must-include or exclude constraints.
type PersonalWorkshop struct {
	WorkshopID, Title                   string
	CreatedByYou, MustInclude, Excluded bool
}

// PersonalPhaseChange is a phase change the person made.
type PersonalPhaseChange struct {
	CollaborationID, Title, Phase, Note string
	At                                  time.Time
}
