package model

// EcosystemFilter narrows the ecosystem's aggregates (Query.ecosystem).
type EcosystemFilter struct {
	Region  string
	TopicID string
}

// EcosystemGraphFilter narrows the organisation network
// (Query.ecosystemGraph) by the collaborations it is made of.
type EcosystemGraphFilter struct {
	Region  string
	TopicID string
	Sector  Sector
	Phase   CollaborationPhase
}

// Ecosystem is the aggregates of a coordinator's dashboard.
type Ecosystem struct {
	Collaborations        int
	CollaborationsByPhase []*PhaseCount
	CollaborationsByForm  []*FormCount
	SectorMatrix          []*SectorPairStats
	Stalled               int
	EvaluationsPending    int
	CrossSectorByYear     []*YearShare
}

// PhaseCount is how many collaborations are in a phase.
type PhaseCount struct {
	Phase CollaborationPhase
	Count int
}

// FormCount is how many collaborations take a form.
type FormCount struct {
	Form  CollaborationForm
	Count int
}

// SectorPairStats is one row of the sector matrix.
type SectorPairStats struct {
	A, B                           Sector
	Collaborations, Translators    int
	OrganisationsA, OrganisationsB int
}

// YearShare is the collaborations of one year and the cross-sector ones
// among them.
type YearShare struct {
	Year, Collaborations, CrossSector int
}

// EcosystemGraph is the organisation network of the map.
type EcosystemGraph struct {
	Nodes   []*EcosystemNode
	Edges   []*EcosystemEdge
	Omitted int
}

// EcosystemNode is an organisation of the network.
type EcosystemNode struct {
	OrganisationID string
	Sector         Sector
	Collaborations int
	Betweenness    float64
}

// EcosystemEdge joins two organisations that share collaborations.
type EcosystemEdge struct {
	A, B   string
	Weight int
	// Phase is that of the shared collaboration that changed phase last.
	Phase CollaborationPhase
}
