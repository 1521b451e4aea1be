package model

// Filters narrow list queries; patches carry partial updates (nil: unchanged).

// PersonFilter narrows a people list. Empty fields do not filter.
type PersonFilter struct {
	Sector         Sector
	TopicID        string
	Region         string
	Language       string
	OrganisationID string
	Search         string
	// Scope is set by the domain from the caller, never by the client.
	Scope PersonScope
}

// PersonScope is which people a caller may see: profiles of the listed
// visibilities, and always their own.
type PersonScope struct {
	Visibilities []Visibility
	SelfID       string
	// Contacts is whose contact details the caller may read: a read never
	// fetches e-mail or phone beyond it (auth.CanSeeContact decides per
	// person; this is the same rule for a statement).
	Contacts ContactReach
}

// ContactReach is whose contact details a caller may read.
type ContactReach int

const (
	// ContactsOwn: only their own.
	ContactsOwn ContactReach = iota
	// ContactsConsented: also those of people who are contactable.
	ContactsConsented
	// ContactsAll: everyone's (administrators).
	ContactsAll
)

// PersonPatch holds the fields of an update; nil means unchanged.
type PersonPatch struct {
	Name, Headline, Region, Email, Phone *string
	Languages                            *[]string
	Visibility                           *Visibility
	OpenToBridging, Contactable          *bool
	ExpertiseTopicIDs                    *[]string
}

// ExperiencePatch holds the fields of an experience update. EndDate is
// set when SetEndDate is true; a nil EndDate then makes the stint ongoing.
type ExperiencePatch struct {
	OrganisationID *string
	Kind           *ExperienceKind
	RoleTitle      *string
	StartDate      *Date
	SetEndDate     bool
	EndDate        *Date
}

// OrganisationFilter narrows an organisation list. Empty fields do not filter.
type OrganisationFilter struct {
	Sector  Sector
	Kind    OrganisationKind
	TopicID string
	Region  string
	Search  string
}

// OrganisationPatch holds the fields of an update; nil means unchanged.
type OrganisationPatch struct {
	Name, Region, Website, Description *string
	Kind                               *OrganisationKind
	Sector                             *Sector
	TopicIDs                           *[]string
}

// CollaborationFilter narrows a collaboration list. Empty fields do not filter.
type CollaborationFilter struct {
	Phase          CollaborationPhase
	Form           CollaborationForm
	TopicID        string
	Sector         Sector // a partner in this sector
	OrganisationID string // this organisation is a partner
	Search         string
	Region         string // a partner in this region
	// StalledFor, an ISO 8601 duration, keeps the collaborations not yet
	// EVALUATED whose phase has not changed for at least that long.
	StalledFor string
}

// CollaborationOrderField is what a collaboration list is ordered by.
type CollaborationOrderField string

const (
	OrderByTitle           CollaborationOrderField = "TITLE"
	OrderByStarted         CollaborationOrderField = "STARTED"
	OrderByLastPhaseChange CollaborationOrderField = "LAST_PHASE_CHANGE"
	// OrderByBoldness orders by Collaboration.boldness (docs/scoring.md
	// §7.2), which Cypher cannot compute: the domain measures the matching
	// collaborations and hands the scores to the store (Scores).
	OrderByBoldness CollaborationOrderField = "BOLDNESS"
)

// AllCollaborationOrderFields lists the orders of a collaboration list.
var AllCollaborationOrderFields = []CollaborationOrderField{OrderByTitle, OrderByStarted, OrderByLastPhaseChange, OrderByBoldness}

// CollaborationOrdering orders a collaboration list; ties go by id. The
// zero value is by title, ascending. (GraphQL's CollaborationOrder input.)
type CollaborationOrdering struct {
	Field CollaborationOrderField
	Desc  bool
	// Scores holds, for an order computed outside the store (BOLDNESS),
	// each collaboration's score by id; one absent (created since) counts
	// as 0.
	Scores map[string]float64
}

// CollaborationPatch holds the fields of an update; nil means unchanged.
// The dates are set when their Set flag is true; a nil date then clears it.
type CollaborationPatch struct {
	Title, Description *string
	Form               *CollaborationForm
	SetStartDate       bool
	StartDate          *Date
	SetEndDate         bool
	EndDate            *Date
	TopicIDs           *[]string
}
