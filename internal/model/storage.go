package model

import "time"

// The shapes below are what storage reads for the domain's scoring and
// planning: the domain packages' store ports (bridge.Store, pairing.Store,
// workshop.Store, analysis.Store, collaboration.Store) return them, and
// internal/store fills them. They hold no behaviour.

// ImportProgress is called after each batch with the kind of record and
// how many of that kind are written so far.
type ImportProgress func(kind string, done, total int)

// CoMembership is the raw material of the person–person network
// (docs/scoring.md §8): every person with their main sector, every
// organisation's stints (who and when: colleagues are people whose stints
// overlap) and every collaboration's contributors.
type CoMembership struct {
	PersonIDs []string
	// MainSector of each person (same index): the sector with most days of
	// experience, "" when they have none.
	MainSector []Sector
	// Organisations lists, per organisation with at least two stints, its
	// stints.
	Organisations [][]MemberStint
	// Collaborations lists, per collaboration, the indexes of its
	// contributors in PersonIDs.
	Collaborations [][]int32
}

// MemberStint is one stint at an organisation: the person's index in
// PersonIDs and the days (since 1970-01-01) it started and ended, an
// ongoing stint ending today.
type MemberStint struct {
	Person     int32
	Start, End int32
}

// NetworkRow is one person's results of `tulkki analyze`.
type NetworkRow struct {
	PersonID string
	NetworkMeasures
}

// AnalysisRun describes one run of `tulkki analyze`.
type AnalysisRun struct {
	ComputedAt time.Time
	People     int
	Edges      int
	Samples    int // 0: exact betweenness
	Took       time.Duration
}

// SectorGaps is what a collaboration's partner list lacks, by sector:
// which sectors its partners are in, and for each sector that is not,
// organisations of that sector that could join.
type SectorGaps struct {
	// Topics counts the collaboration's topics; with none, no candidate
	// can be found.
	Topics  int
	Present []Sector
	Missing []SectorGap
}

// SectorGap is one missing sector with its candidate organisations, most
// shared topics first, then by name.
type SectorGap struct {
	Sector     Sector
	Candidates []*PartnerCandidate
}

// NetworkOrganisation is an organisation as the pairing measures need it.
type NetworkOrganisation struct {
	ID       string
	Name     string
	Sector   Sector
	TopicIDs []string
}

// NetworkPartner is a partner of a collaboration with its sector.
type NetworkPartner struct {
	ID     string
	Sector Sector
}

// NetworkCollaboration is a collaboration as a set of partners from a date
// (its start, or the day it was recorded when it has none).
type NetworkCollaboration struct {
	ID       string
	Start    Date
	Partners []NetworkPartner
}

// PairingCandidates are the organisations a pairing query considers, with
// their topics, and those topics with the number of organisations
// interested in each.
type PairingCandidates struct {
	Organisations []NetworkOrganisation
	Topics        map[string]*Topic
	TopicDegree   map[string]int
}

// OrgTieRow is a tie of a possible translator to one of several
// organisations.
type OrgTieRow struct {
	OrganisationID string
	TieRow         // Side is unused
}

// CandidateFilter says which people may be suggested as translators: only
// those open to bridging, visible in Scope, and matching the optional
// language and region.
type CandidateFilter struct {
	Scope    PersonScope
	Language string
	Region   string
}

// TieRow is one tie of a candidate to one of the two organisations, with
// the ids and names of the path it rests on.
type TieRow struct {
	Side     int // 0 for the first organisation, 1 for the second
	PersonID string
	Kind     string // STINT, COLLABORATION or COWORKER
	Start    Date
	End      *Date

	// STINT: the person's experience at the organisation.
	ExperienceID   string
	ExperienceKind ExperienceKind
	RoleTitle      string
	// COLLABORATION: the collaboration and the person's role in it.
	CollaborationID    string
	CollaborationTitle string
	ContributorRole    ContributorRole
	// COWORKER: the organisation where they overlapped, the person's and
	// the colleague's stints there, the colleague and their current stint
	// at the side's organisation.
	ThroughOrgID          string
	ThroughOrgName        string
	ThroughExperienceID   string
	ColleagueID           string
	ColleagueName         string
	ColleagueThroughExpID string
	ColleagueCurrentExpID string
}

// StintRow is a stint as the translator score needs it.
type StintRow struct {
	ExperienceID     string
	RoleTitle        string
	OrganisationID   string
	OrganisationName string
	Sector           Sector
	Kind             ExperienceKind
	Start            Date
	End              *Date
}

// CandidateProfile is what a candidate's score needs beyond their ties.
type CandidateProfile struct {
	Person *Person
	Stints []StintRow
	// CrossSectorCollaborations the person contributed to, with their
	// evaluation rating (0 when not evaluated).
	CrossSectorCollaborations map[string]int
	// BrokeragePercentile from `tulkki analyze`; negative when absent.
	BrokeragePercentile float64
	// Network holds all of `tulkki analyze`'s measures; nil when absent.
	Network *NetworkMeasures
}

// Version names the state of the database that a read transaction saw:
// its bookmark. Neo4j gives a read transaction the bookmark of the last
// transaction committed before it, so two reads with the same non-empty
// Version saw the same committed data, and a commit in between (from any
// client) makes them differ. Empty means unknown.
type Version string

// PlanPerson is a possible representative of an organisation.
type PlanPerson struct {
	ID string
	// Expert: the person is EXPERT_IN the workshop's topic.
	Expert bool
}

// PlanOrganisation is an organisation that could be at a workshop, with
// the people who could speak for it (ongoing stint, not private).
type PlanOrganisation struct {
	ID     string
	Sector Sector
	// Topic: the organisation is INTERESTED_IN the workshop's topic.
	Topic  bool
	People []PlanPerson
}

// PlanSubject is an id given in mustInclude or exclude: an organisation or
// a (non-private) person with their ongoing stints' organisations.
type PlanSubject struct {
	ID      string
	IsOrg   bool
	CurOrgs []string // for a person: organisations of ongoing stints, by id
}

// PlanTranslator is a possible translator: open to bridging, not private,
// with experience in two or more sectors.
type PlanTranslator struct {
	ID      string
	Sectors []Sector
	Expert  bool
}
