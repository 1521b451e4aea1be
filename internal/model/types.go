package model

import (
	"time"

	"github.com/tulkki/tulkki/internal/i18n"
)

// Person is a professional in the network. Contact details are kept here but
// never exposed or logged without the checks of the domain layer.
type Person struct {
	ID             string
	Name           string
	Headline       string
	Languages      []string
	Region         string
	Email          string
	Phone          string
	Visibility     Visibility
	OpenToBridging bool
	Contactable    bool
	CreatedAt      time.Time
	UpdatedAt      time.Time
	// Nested holds nested fields read with it (Selection).
	Nested Nested
}

// Organisation is a body in one of the four sectors.
type Organisation struct {
	ID          string
	Name        string
	Kind        OrganisationKind
	Sector      Sector
	Region      string
	Website     string
	Description string
	CreatedAt   time.Time
	UpdatedAt   time.Time
	// Nested holds nested fields read with it (Selection).
	Nested Nested
}

// Experience is one stint of a person at an organisation. EndDate nil means
// the stint is ongoing.
type Experience struct {
	ID             string
	PersonID       string
	OrganisationID string
	Kind           ExperienceKind
	RoleTitle      string
	StartDate      Date
	EndDate        *Date
	// Nested holds nested fields read with it (Selection).
	Nested Nested
}

// Ongoing reports whether the stint has no end date.
func (e *Experience) Ongoing() bool { return e.EndDate == nil }

// Topic is a theme shared by organisations, people and collaborations.
type Topic struct {
	ID          string
	Name        string // in English
	NameFi      string
	NameSv      string
	Description string
}

// Names are the topic's names in Tulkki's three languages; one missing
// falls back to English.
func (t *Topic) Names() i18n.Names { return i18n.Names{Fi: t.NameFi, Sv: t.NameSv, En: t.Name} }

// SectorInfo describes a sector with its names in Tulkki's three languages.
type SectorInfo struct {
	Code   Sector
	NameFi string
	NameSv string
	NameEn string
}

// Collaboration is a partnership between organisations.
type Collaboration struct {
	ID          string
	Title       string
	Description string
	Form        CollaborationForm
	Phase       CollaborationPhase
	StartDate   *Date
	EndDate     *Date
	Evaluation  *Evaluation
	// PartnerEvaluations are the partners' own evaluations when read with
	// it (nil when not read).
	PartnerEvaluations *PartnerEvaluations
	CreatedAt          time.Time
	UpdatedAt          time.Time
	// LastPhaseChangeAt is when it last changed phase (or was created).
	LastPhaseChangeAt time.Time
	// Nested holds nested fields read with it (Selection).
	Nested Nested
}

// CollaborationNote is a dated, authored note or decision on a
// collaboration.
type CollaborationNote struct {
	ID   string
	Kind CollaborationNoteKind
	Text string
	At   time.Time
	// Author is the person id (token subject) who wrote it; empty when
	// unknown or erased.
	Author string
	// Nested holds nested fields read with it (Selection).
	Nested Nested
}

// Evaluation is the joint evaluation of a collaboration, with the
// aggregate of the partners' own evaluations (Summary, filled by the
// evaluation domain; nil until then).
type Evaluation struct {
	Rating      int
	Notes       string
	EvaluatedAt time.Time
	Summary     *EvaluationSummary
}

// Partnership is an organisation's membership of a collaboration.
type Partnership struct {
	CollaborationID string
	OrganisationID  string
	Role            PartnerRole
	// Organisation and Collaboration are read with the partnership when
	// the query selects them (partnerships are only ever read by a
	// projection, store/projection.go).
	Organisation  *Organisation
	Collaboration *Collaboration
}

// Contribution is a person's part in a collaboration.
type Contribution struct {
	CollaborationID string
	PersonID        string
	Role            ContributorRole
	// Person (nil when erased or hidden from the caller) and Collaboration
	// are read with the contribution when the query selects them
	// (contributions are only ever read by a projection).
	Person        *Person
	Collaboration *Collaboration
	// Invited, on input to the store only: ask the person to accept
	// (an invitation) rather than record the contribution now.
	Invited bool
}

// ContributorInvitation is a person's pending invitation to contribute to
// a collaboration in a role: it becomes a Contribution when the person
// accepts, and goes when they decline.
type ContributorInvitation struct {
	CollaborationID string
	PersonID        string
	Role            ContributorRole
	// InvitedBy is the subject who invited (empty once they erased their data).
	InvitedBy string
	InvitedAt time.Time
}

// PhaseChange is one step of a collaboration's phase history.
type PhaseChange struct {
	Phase CollaborationPhase
	At    time.Time
	Note  string
	// MovedBy is the person id (token subject) who moved it, empty for
	// imported history and anonymous system moves.
	MovedBy string
	// Nested holds nested fields read with it (Selection).
	Nested Nested
}

// Membership groups one person's stints at one organisation.
type Membership struct {
	OrganisationID string
	PersonID       string
	Current        bool
	Experiences    []*Experience
	// Person and Organisation are read with the membership when the query
	// selects them (memberships are only ever read by a projection).
	Person       *Person
	Organisation *Organisation
	// Cursor is where a page of the organisation's people after this
	// membership starts (Organisation.people(after:)).
	Cursor string
}

// PageInfo is the Relay page info of a connection.
type PageInfo struct {
	HasNextPage     bool
	HasPreviousPage bool
	StartCursor     *string
	EndCursor       *string
}

// Page is one page of a list query, in order, with a cursor for each item.
type Page[T any] struct {
	Items      []T
	Cursors    []string
	TotalCount int
	HasNext    bool
	HasPrev    bool
}

// ContactDetails are the personal contact details of a person.
type ContactDetails struct {
	Email string
	Phone string
}

// DeletionReceipt says what an erasure removed.
type DeletionReceipt struct {
	ErasedAt                time.Time
	ExperiencesRemoved      int
	ContributionsAnonymised int
}

// ScoreComponent is one named part of a translator score:
// Contribution = Weight × Value, and the contributions add up to the score.
type ScoreComponent struct {
	Name         string
	Weight       float64
	Value        float64
	Contribution float64
	Description  string
}

// GraphPath is a path of nodes and relationships that exists in the graph,
// offered as evidence.
type GraphPath struct {
	Nodes         []PathNode
	Relationships []PathRelationship
}

// PathNode is a node of a GraphPath: its id (the code, for a Sector), its
// label and a display name: the data's own (i18n.Plain) or, for a sector,
// a key worded in the reader's language.
type PathNode struct {
	ID    string
	Label string
	Name  i18n.Text
}

// PathRelationship is a relationship of a GraphPath, from StartID to EndID.
type PathRelationship struct {
	Type    string
	StartID string
	EndID   string
}

// TranslatorMatch is one ranked translator between two organisations (or
// two sectors), with why.
type TranslatorMatch struct {
	Person     *Person
	Score      float64
	Components []ScoreComponent
	// Insider: the person has an ongoing stint at one of the organisations.
	Insider  bool
	Evidence []*Evidence
}

// Evidence is one tie of a translator to one side, as a path in the graph.
type Evidence struct {
	Side           BridgeSide
	OrganisationID string // empty for sector-level evidence
	Kind           string // STINT, COLLABORATION, COWORKER or SECTOR
	Strength       float64
	Summary        i18n.Text // worded in the reader's language by the GraphQL edge
	Path           *GraphPath
}

// BridgeSide names the two sides of a bridge.
type BridgeSide string

const (
	SideA BridgeSide = "A"
	SideB BridgeSide = "B"
)

// TranslatorFilter narrows translator results.
type TranslatorFilter struct {
	Language        string
	Region          string
	MinScore        float64
	ExcludeInsiders bool
}

// BridgingProfile is how a person bridges sectors.
type BridgingProfile struct {
	Sectors         []*SectorExperience
	SectorCount     int
	BlauIndex       float64
	Network         *NetworkMeasures
	OrganisationIDs []string
}

// SectorExperience is kind-weighted years in one sector.
type SectorExperience struct {
	Sector Sector
	Years  float64
}

// NetworkMeasures are a person's brokerage measures from `tulkki analyze`.
type NetworkMeasures struct {
	Betweenness            float64
	CrossSectorBetweenness float64
	CrossSectorPercentile  float64
	Constraint             *float64
	EffectiveSize          *float64
	Brokerage              BrokerageRoles
	Sampled                bool
	ComputedAt             time.Time
}

// BrokerageRoles counts Gould & Fernandez brokerage roles.
type BrokerageRoles struct {
	Coordinator              int
	Itinerant                int
	GatekeeperRepresentative int
	Liaison                  int
}
