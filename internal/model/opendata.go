package model

import "time"

// OpenOrganisation is an organisation as open data publishes it
// (internal/opendata): public facts, no people.
type OpenOrganisation struct {
	Organisation
	// Topics are the names of the topics it is interested in.
	Topics []string
}

// OpenCollaboration is a collaboration as open data publishes it: its
// partner organisations, never its contributors.
type OpenCollaboration struct {
	ID          string
	Title       string
	Description string
	Form        CollaborationForm
	Phase       CollaborationPhase
	StartDate   *Date
	EndDate     *Date
	Topics      []string
	Partners    []OpenPartner
	UpdatedAt   time.Time
}

// OpenPartner is one partner organisation of an open collaboration.
type OpenPartner struct {
	OrganisationID, Name string
	Role                 PartnerRole
}
