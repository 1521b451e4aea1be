package model

import "github.com/tulkki/tulkki/internal/i18n"

// NextStep is one suggestion for a collaboration in an early phase: a
// sector not yet represented among its partners, organisations of that
// sector interested in its topics, and people who could translate between
// that sector and one already present.
type NextStep struct {
	// Sector is missing among the collaboration's partners.
	Sector Sector
	// PresentSectors are the sectors its partners are in, canonical order.
	PresentSectors []Sector
	Candidates     []*PartnerCandidate
	Translators    []*SectorTranslator
	Explanation    i18n.Text
}

// PartnerCandidate is an organisation that could join a collaboration: it
// is interested in some of the collaboration's topics and is not a partner
// yet.
type PartnerCandidate struct {
	OrganisationID string
	// SharedTopics are the collaboration's topics the organisation is
	// interested in, by name.
	SharedTopics []*Topic
}

// SectorTranslator is a translator match between a sector already present
// in a collaboration (FromSector) and a missing one.
type SectorTranslator struct {
	FromSector Sector
	Match      *TranslatorMatch
}
