package model

import "github.com/tulkki/tulkki/internal/i18n"

// UnusualPairing is a suggested pair of organisations that have never
// worked together, sit far apart, share topics and have a translator
// (docs/scoring.md §7.1).
type UnusualPairing struct {
	// OrganisationIDs: the two organisations, the asked-for one first.
	OrganisationIDs [2]string
	Score           float64
	// Breakdown: relevance, surprise and bridgeability; the score is their product.
	Breakdown []ScoreComponent
	// SurpriseBreakdown adds up to the surprise factor.
	SurpriseBreakdown       []ScoreComponent
	SharedTopics            []*Topic
	Distance                *int // nil when no path joins them
	SharedPartners          int
	SectorCombinationRarity float64
	Translators             []*TranslatorMatch
	Explanation             i18n.Text
}

// Boldness says how far apart a collaboration's partners were when it
// began (docs/scoring.md §7.2).
type Boldness struct {
	Score       float64
	Breakdown   []ScoreComponent
	Explanation i18n.Text
	Pairs       []*PartnerPair
}

// PartnerPair is two partners of a collaboration as they stood before it.
type PartnerPair struct {
	OrganisationIDs [2]string
	CrossSector     bool
	Distance        *int // nil when no path joined them
	SharedPartners  int
}

// BoldCollaboration is one entry of the boldest collaborations.
type BoldCollaboration struct {
	CollaborationID string
	Boldness        *Boldness
}
